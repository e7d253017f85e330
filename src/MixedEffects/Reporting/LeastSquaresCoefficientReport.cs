using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One JSON coefficient row of a least-squares fit: <c>{term, estimate, se, t, p}</c>.</summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="Se">Its standard error.</param>
/// <param name="T">t value.</param>
/// <param name="P">Two-sided p value.</param>
public sealed record LeastSquaresCoefficientReport(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("estimate")] double? Estimate,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("t")] double? T,
    [property: JsonPropertyName("p")] double? P);
