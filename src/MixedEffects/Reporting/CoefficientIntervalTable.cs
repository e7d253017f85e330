using System.Globalization;

namespace MixedEffects.Reporting;

/// <summary>
/// The coefficient table with confidence limits as text and CSV columns, named as pymer4's <c>coefs</c>
/// (<c>Estimate, 2.5_ci, 97.5_ci, SE, DF, T-stat, P-val, Sig</c>; the limits' names follow the level), printed as
/// R prints a data frame (each numeric column to 7 significant digits, NA where missing).
/// </summary>
public static class CoefficientIntervalTable
{
    /// <summary>The column names after the term: pymer4's, with the limits at <paramref name="level"/>.</summary>
    public static IReadOnlyList<string> ColumnNames(double level)
    {
        string Percent(double p) => (100 * p).ToString("0.###", CultureInfo.InvariantCulture) + "_ci";
        return ["Estimate", Percent((1 - level) / 2), Percent((1 + level) / 2), "SE", "DF", "T-stat", "P-val", "Sig"];
    }

    /// <summary>The table as R prints the data frame, one line per coefficient.</summary>
    public static string Format(IReadOnlyList<CoefficientIntervalRow> rows, double level)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) return "";
        var numeric = new Func<CoefficientIntervalRow, double?>[] { r => r.Estimate, r => r.Lower, r => r.Upper, r => r.Se, r => r.Df, r => r.T, r => r.P };
        var cells = numeric.Select(column => Column(rows.Select(column).ToArray()))
            .Append(rows.Select(r => r.Sig).ToArray()).ToArray();
        var matrix = new string[rows.Count, cells.Length];
        for (int i = 0; i < rows.Count; i++)
            for (int j = 0; j < cells.Length; j++) matrix[i, j] = cells[j][i];
        var lines = RTextLayout.Matrix(rows.Select(r => r.Term).ToArray(), ColumnNames(level), matrix, right: true);
        return string.Join('\n', lines) + "\n";
    }

    private static string[] Column(double?[] values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToArray();
        var formatted = present.Length == 0 ? [] : RNumberFormatter.Format(present, 7);
        int k = 0;
        var cells = values.Select(v => v is null ? "NA" : formatted[k++].Trim()).ToArray();
        int width = cells.Max(c => c.Length);
        return cells.Select(c => c.PadLeft(width)).ToArray();
    }
}
