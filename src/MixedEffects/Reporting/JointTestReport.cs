using System.Text.Json.Serialization;
using MixedEffects.Marginal;

namespace MixedEffects.Reporting;

/// <summary>One JSON row of emmeans' <c>joint_tests</c>: <c>{term, df1, df2, F, p}</c> (df2 null when asymptotic).</summary>
/// <param name="Term">emmeans' model term (the variables tested, e.g. <c>task:stimulus</c>).</param>
/// <param name="Df1">Numerator degrees of freedom.</param>
/// <param name="Df2">Denominator degrees of freedom; null when infinite.</param>
/// <param name="F">F ratio.</param>
/// <param name="P">p value.</param>
public sealed record JointTestReport(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("df1")] int Df1,
    [property: JsonPropertyName("df2")] double? Df2,
    [property: JsonPropertyName("F")] double? F,
    [property: JsonPropertyName("p")] double? P)
{
    /// <summary>The report rows of a joint-tests table.</summary>
    public static IReadOnlyList<JointTestReport> Build(IEnumerable<JointTest> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => new JointTestReport(r.Term, r.NumeratorDf, ReportNumbers.Finite(r.DenominatorDf),
            ReportNumbers.Finite(r.F), ReportNumbers.Finite(r.PValue))).ToArray();
    }
}
