using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One level's least-squares coefficients in the per-group report: <c>{level, coefficients}</c>.</summary>
/// <param name="Level">The group level.</param>
/// <param name="Coefficients">The coefficients in the report's column order; null where not estimable.</param>
public sealed record GroupCoefficientsReport(
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("coefficients")] IReadOnlyList<double?> Coefficients);
