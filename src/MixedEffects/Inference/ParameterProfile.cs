namespace MixedEffects.Inference;

/// <summary>
/// The likelihood profile of one parameter (lme4's <c>profile(m)</c> for that parameter): zeta at values around the
/// ML estimate, with the interval bounds where |zeta| reaches the quantile asked for.
/// </summary>
/// <param name="Parameter">lme4's name (<c>sd_(Intercept)|Subject</c>, <c>cor_Days.(Intercept)|Subject</c>, <c>sigma</c>, or a fixed effect).</param>
/// <param name="Estimate">The ML estimate (zeta = 0 there).</param>
/// <param name="Lower">Lower bound (zeta = -z), the parameter's limit when the profile does not reach -z, or NaN.</param>
/// <param name="Upper">Upper bound (zeta = +z), or NaN.</param>
/// <param name="IsStandardDeviation">True for a standard deviation (including sigma).</param>
/// <param name="Points">Profile points sorted by value, the estimate included.</param>
public sealed record ParameterProfile(string Parameter, double Estimate, double Lower, double Upper, bool IsStandardDeviation,
    IReadOnlyList<ProfilePoint> Points);
