namespace MixedEffects.Models;

/// <summary>One row of a generalized model's fixed-effects table (Wald z test, two-sided normal p-value).</summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StandardError">Its standard error.</param>
/// <param name="Z">Estimate / standard error.</param>
/// <param name="PValue">2 P(Z &gt; |z|) for a standard normal Z.</param>
public sealed record GlmmFixedEffect(string Term, double Estimate, double StandardError, double Z, double PValue);
