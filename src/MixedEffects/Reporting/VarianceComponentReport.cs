using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One variance-component row of the JSON report (lme4's <c>as.data.frame(VarCorr(m))</c>).</summary>
/// <param name="Group">Grouping factor, or "Residual".</param>
/// <param name="Term1">First random-effect column; null for the residual.</param>
/// <param name="Term2">Second column for a covariance; null for a variance.</param>
/// <param name="Vcov">Variance or covariance.</param>
/// <param name="Sdcor">Standard deviation or correlation.</param>
public sealed record VarianceComponentReport(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("term1")] string? Term1,
    [property: JsonPropertyName("term2")] string? Term2,
    [property: JsonPropertyName("vcov")] double? Vcov,
    [property: JsonPropertyName("sdcor")] double? Sdcor);
