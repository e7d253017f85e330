using System.Globalization;
using MixedEffects.Marginal;

namespace MixedEffects.Reporting;

/// <summary>emmeans' printed <c>joint_tests</c> table: model term, df1, df2, F.ratio, p.value.</summary>
public static class JointTestsTextReport
{
    /// <summary>The table as emmeans prints it (p-values below 0.0001 as <c>&lt;.0001</c>).</summary>
    public static string Format(IReadOnlyList<JointTest> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var df2 = tests.Select(t => double.IsPositiveInfinity(t.DenominatorDf) ? "Inf" : RNumberFormatter.FormatSingle(RNumberFormatter.Round(t.DenominatorDf, 2), 7)).ToArray();
        var f = tests.Select(t => RNumberFormatter.Round(t.F, 3).ToString("0.000", CultureInfo.InvariantCulture)).ToArray();
        var p = tests.Select(t => t.PValue < 0.0001 ? "<.0001" : t.PValue.ToString("0.0000", CultureInfo.InvariantCulture)).ToArray();
        var columns = new[]
        {
            (Header: "model term", Cells: tests.Select(t => t.Term).ToArray(), Left: true),
            (Header: "df1", Cells: tests.Select(t => t.NumeratorDf.ToString(CultureInfo.InvariantCulture)).ToArray(), Left: false),
            (Header: "df2", Cells: df2, Left: false),
            (Header: "F.ratio", Cells: f, Left: false),
            (Header: "p.value", Cells: p, Left: false),
        };
        var widths = columns.Select(c => c.Cells.Append(c.Header).Max(s => s.Length)).ToArray();
        string Line(Func<int, string> cell) => " " + string.Join(" ", columns.Select((c, j) => c.Left ? cell(j).PadRight(widths[j]) : cell(j).PadLeft(widths[j]))).TrimEnd();
        var lines = new List<string> { Line(j => columns[j].Header) };
        for (int i = 0; i < tests.Count; i++) lines.Add(Line(j => columns[j].Cells[i]));
        return string.Join('\n', lines) + "\n";
    }
}
