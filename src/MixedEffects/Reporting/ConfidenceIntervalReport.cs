using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>One JSON interval row: <c>{parameter, lower, upper, method}</c>; null bounds where the method gives none.</summary>
/// <param name="Parameter">lme4's parameter name.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Method"><c>wald</c>, <c>profile</c> or <c>boot</c>.</param>
public sealed record ConfidenceIntervalReport(
    [property: JsonPropertyName("parameter")] string Parameter,
    [property: JsonPropertyName("lower")] double? Lower,
    [property: JsonPropertyName("upper")] double? Upper,
    [property: JsonPropertyName("method")] string Method)
{
    /// <summary>The report rows of a set of intervals.</summary>
    public static IReadOnlyList<ConfidenceIntervalReport> Build(IEnumerable<ConfidenceInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        return intervals.Select(i => new ConfidenceIntervalReport(i.Parameter, ReportNumbers.Finite(i.Lower),
            ReportNumbers.Finite(i.Upper), MethodName(i.Method))).ToArray();
    }

    /// <summary>The CLI's name of a method: wald, profile or boot.</summary>
    public static string MethodName(ConfidenceIntervalMethod method) => method switch
    {
        ConfidenceIntervalMethod.Wald => "wald",
        ConfidenceIntervalMethod.Profile => "profile",
        _ => "boot",
    };
}
