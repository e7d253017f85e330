using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One fixed-effect row of the JSON report.</summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="Se">Its standard error (Kenward-Roger's adjusted one with that df method).</param>
/// <param name="Statistic">The t value (the z value of a generalized model).</param>
/// <param name="Df">Degrees of freedom of the t test; null without a small-sample df method.</param>
/// <param name="P">Two-sided p value of the t test, null without a small-sample df method; a generalized model's z-test p value.</param>
/// <param name="Lower">Lower limit of the Wald confidence interval (t quantiles of the df method; normal without one).</param>
/// <param name="Upper">Upper limit of the Wald confidence interval.</param>
public sealed record FixedEffectReport(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("estimate")] double? Estimate,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("statistic")] double? Statistic,
    [property: JsonPropertyName("df")] double? Df = null,
    [property: JsonPropertyName("p")] double? P = null,
    [property: JsonPropertyName("lower")] double? Lower = null,
    [property: JsonPropertyName("upper")] double? Upper = null);
