namespace MixedEffects.Inference;

/// <summary>One row of lme4's <c>confint(m, oldNames = FALSE)</c>.</summary>
/// <param name="Parameter">
/// lme4's name: <c>sd_(Intercept)|Subject</c>, <c>cor_Days.(Intercept)|Subject</c>, <c>sigma</c>, or a fixed-effect name.
/// </param>
/// <param name="Lower">Lower bound; NaN where the method gives none (R's NA).</param>
/// <param name="Upper">Upper bound; NaN where the method gives none.</param>
/// <param name="Method">The method used.</param>
public sealed record ConfidenceInterval(string Parameter, double Lower, double Upper, ConfidenceIntervalMethod Method);
