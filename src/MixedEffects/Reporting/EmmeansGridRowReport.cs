using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One marginal mean in the JSON report.</summary>
/// <param name="Levels">The level of each grid variable.</param>
/// <param name="Emmean">The estimate (null when not estimable).</param>
/// <param name="Se">Its standard error.</param>
/// <param name="Df">Degrees of freedom (null for infinite).</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
public sealed record EmmeansGridRowReport(
    [property: JsonPropertyName("levels")] IReadOnlyDictionary<string, string> Levels,
    [property: JsonPropertyName("emmean")] double? Emmean,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("df")] double? Df,
    [property: JsonPropertyName("lower")] double? Lower,
    [property: JsonPropertyName("upper")] double? Upper);
