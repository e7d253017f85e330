namespace MixedEffects.Marginal;

/// <summary>One row of a table of estimated marginal means (emmeans' summary with intervals and tests).</summary>
/// <param name="Levels">The row's level of each grid variable (primary variables, then by-variables), in that order.</param>
/// <param name="Estimate">The marginal mean (back-transformed on the response scale); NaN when not estimable.</param>
/// <param name="StandardError">Its standard error (delta method on the response scale).</param>
/// <param name="DegreesOfFreedom">Degrees of freedom (positive infinity for z).</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="Statistic">t (or z) ratio of the test that the mean is zero on the link scale.</param>
/// <param name="PValue">Two-sided p-value of that test.</param>
/// <param name="NullValue">The null value on the reported scale when back-transformed (inverse link of 0), else null.</param>
public sealed record MarginalMean(IReadOnlyDictionary<string, string> Levels, double Estimate, double StandardError,
    double DegreesOfFreedom, double Lower, double Upper, double Statistic, double PValue, double? NullValue)
{
    /// <summary>False when the mean is not estimable (emmeans prints nonEst).</summary>
    public bool IsEstimable => !double.IsNaN(Estimate);
}
