using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One contrast in the JSON report.</summary>
/// <param name="Contrast">The label as emmeans prints it.</param>
/// <param name="By">The by-variable levels of the contrast's family (empty without by-variables).</param>
/// <param name="Estimate">The estimate (a ratio when back-transformed).</param>
/// <param name="Se">Its standard error.</param>
/// <param name="Df">Degrees of freedom (null for infinite).</param>
/// <param name="Statistic">t or z ratio.</param>
/// <param name="P">Adjusted p-value.</param>
public sealed record EmmeansContrastReport(
    [property: JsonPropertyName("contrast")] string Contrast,
    [property: JsonPropertyName("by")] IReadOnlyDictionary<string, string> By,
    [property: JsonPropertyName("estimate")] double? Estimate,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("df")] double? Df,
    [property: JsonPropertyName("statistic")] double? Statistic,
    [property: JsonPropertyName("p")] double? P);
