namespace MixedEffects.Marginal;

/// <summary>One row of a contrast table (emmeans' <c>summary(contrast(...), infer = TRUE)</c>).</summary>
/// <param name="Name">The label as emmeans prints it, e.g. <c>lexdec word - naming word</c>, <c>linear</c>, <c>period1 / period2</c>.</param>
/// <param name="ByLevels">The level of each by-variable for this contrast's family (empty without by-variables).</param>
/// <param name="Estimate">The estimate (a ratio when back-transformed from a log or logit link); NaN when not estimable.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom (positive infinity for z).</param>
/// <param name="Lower">Lower confidence limit, adjusted for the family as emmeans does.</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="Statistic">t (or z) ratio on the link scale.</param>
/// <param name="PValue">The adjusted p-value.</param>
/// <param name="NullValue">1 for ratios, else null.</param>
public sealed record MarginalContrast(string Name, IReadOnlyDictionary<string, string> ByLevels, double Estimate,
    double StandardError, double DegreesOfFreedom, double Lower, double Upper, double Statistic, double PValue, double? NullValue);
