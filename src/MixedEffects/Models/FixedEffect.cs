namespace MixedEffects.Models;

/// <summary>One row of the fixed-effects table.</summary>
/// <param name="Term">R's coefficient name, e.g. <c>(Intercept)</c> or <c>Days</c>.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="Statistic">Estimate / standard error (t for linear, z for generalized models).</param>
public sealed record FixedEffect(string Term, double Estimate, double StandardError, double Statistic);
