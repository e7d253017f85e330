using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>One row of the ANOVA table in the JSON report (lmerTest's columns).</summary>
/// <param name="Term">The term as R labels it.</param>
/// <param name="SumSq">Sum of squares.</param>
/// <param name="MeanSq">Mean square.</param>
/// <param name="NumDf">Numerator degrees of freedom.</param>
/// <param name="DenDf">Denominator degrees of freedom; null when infinite (asymptotic tests).</param>
/// <param name="F">F statistic.</param>
/// <param name="P">Upper-tail p value of F.</param>
public sealed record AnovaRowReport(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("sumsq")] double? SumSq,
    [property: JsonPropertyName("meansq")] double? MeanSq,
    [property: JsonPropertyName("numdf")] double? NumDf,
    [property: JsonPropertyName("dendf")] double? DenDf,
    [property: JsonPropertyName("F")] double? F,
    [property: JsonPropertyName("p")] double? P)
{
    /// <summary>The rows of an ANOVA table.</summary>
    /// <param name="table">The table.</param>
    public static IReadOnlyList<AnovaRowReport> From(AnovaTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Rows.Select(r => new AnovaRowReport(r.Term, Finite(r.SumSq), Finite(r.MeanSq), Finite(r.NumDf),
            Finite(r.DenDf), Finite(r.F), Finite(r.P))).ToArray();
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
