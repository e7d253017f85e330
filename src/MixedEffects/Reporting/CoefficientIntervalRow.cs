using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>
/// One row of the coefficient table with confidence limits (pymer4's <c>Lmer.coefs</c>: Estimate, 2.5_ci, 97.5_ci,
/// SE, DF, T-stat, P-val, Sig): the estimate with lme4's <c>confint</c> limits of the chosen method and lmerTest's
/// test. In JSON the limits are <c>lower</c> and <c>upper</c> (at the report's <c>level</c>).
/// </summary>
/// <param name="Term">R's coefficient name.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="Lower">Lower confidence limit; null when the method gives none.</param>
/// <param name="Upper">Upper confidence limit; null when the method gives none.</param>
/// <param name="Se">Standard error.</param>
/// <param name="Df">Degrees of freedom of the t test; null when asymptotic.</param>
/// <param name="T">t statistic.</param>
/// <param name="P">Two-sided p value.</param>
/// <param name="Sig">pymer4's significance code: <c>***</c> below 0.001, <c>**</c> below 0.01, <c>*</c> below 0.05, <c>.</c> below 0.1.</param>
public sealed record CoefficientIntervalRow(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("Estimate")] double? Estimate,
    [property: JsonPropertyName("lower")] double? Lower,
    [property: JsonPropertyName("upper")] double? Upper,
    [property: JsonPropertyName("SE")] double? Se,
    [property: JsonPropertyName("DF")] double? Df,
    [property: JsonPropertyName("T-stat")] double? T,
    [property: JsonPropertyName("P-val")] double? P,
    [property: JsonPropertyName("Sig")] string Sig)
{
    /// <summary>
    /// The rows for the fixed-effect tests and the intervals of the same fit (matched by term; a term the intervals
    /// do not cover gets no limits).
    /// </summary>
    public static IReadOnlyList<CoefficientIntervalRow> Build(IReadOnlyList<FixedEffectTest> tests, IReadOnlyList<ConfidenceInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(intervals);
        return tests.Select(t =>
        {
            var ci = intervals.FirstOrDefault(i => i.Parameter == t.Term);
            return new CoefficientIntervalRow(t.Term, ReportNumbers.Finite(t.Estimate), ReportNumbers.Finite(ci?.Lower),
                ReportNumbers.Finite(ci?.Upper), ReportNumbers.Finite(t.StdError), ReportNumbers.Finite(t.Df),
                ReportNumbers.Finite(t.TValue), ReportNumbers.Finite(t.P), SignificanceCode(t.P));
        }).ToArray();
    }

    /// <summary>pymer4's (and R's) significance code of a p value.</summary>
    public static string SignificanceCode(double p) =>
        !(p < 0.1) ? "" : p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : ".";
}
