namespace MixedEffects.Inference;

/// <summary>One row of R's <c>summary(lm(...))$coefficients</c>.</summary>
/// <param name="Term">R's coefficient name, e.g. <c>(Intercept)</c>.</param>
/// <param name="Estimate">The least-squares estimate.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="Statistic">The t value, estimate / standard error.</param>
/// <param name="P">Two-sided p value from the t distribution with the residual degrees of freedom.</param>
public sealed record LeastSquaresCoefficient(string Term, double Estimate, double StandardError, double Statistic, double P);
