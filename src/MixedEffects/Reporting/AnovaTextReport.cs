using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>
/// An ANOVA table as lmerTest prints <c>anova(m)</c>: the heading, then Sum Sq, Mean Sq, NumDF, DenDF,
/// F value and Pr(&gt;F) formatted by R's <c>print.anova</c> rules (5 significant digits), with significance stars.
/// </summary>
public static class AnovaTextReport
{
    private const int Digits = 5;

    /// <summary>The table as lines of text (without line terminators).</summary>
    /// <param name="table">The ANOVA table.</param>
    public static IReadOnlyList<string> Lines(AnovaTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var lines = new List<string> { table.Heading };
        var rows = table.Rows;
        if (rows.Count == 0) return lines;
        double[][] columns =
        [
            rows.Select(r => r.SumSq).ToArray(),
            rows.Select(r => r.MeanSq).ToArray(),
            rows.Select(r => r.NumDf).ToArray(),
            rows.Select(r => r.DenDf).ToArray(),
            rows.Select(r => r.F).ToArray(),
            rows.Select(r => r.P).ToArray(),
        ];
        lines.AddRange(RCoefficientMatrix.Print(rows.Select(r => r.Term).ToArray(),
            ["Sum Sq", "Mean Sq", "NumDF", "DenDF", "F value", "Pr(>F)"], columns, Digits,
            coefficientColumns: [], testColumns: [4], zapColumns: [0, 1, 2, 3], hasPValue: true, naPrint: ""));
        return lines;
    }

    /// <summary>The table as text, lines ended by a newline.</summary>
    /// <param name="table">The ANOVA table.</param>
    public static string Format(AnovaTable table) => string.Concat(Lines(table).Select(l => l + "\n"));
}
