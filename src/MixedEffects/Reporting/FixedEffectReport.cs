using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One fixed-effect row of the JSON report.</summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="Se">Its standard error.</param>
/// <param name="Statistic">The t value.</param>
public sealed record FixedEffectReport(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("estimate")] double? Estimate,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("statistic")] double? Statistic);
