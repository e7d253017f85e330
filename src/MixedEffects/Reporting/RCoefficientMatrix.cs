namespace MixedEffects.Reporting;

/// <summary>
/// R's <c>printCoefmat</c>: formats a numeric table column group by column group (estimates and standard
/// errors together, test statistics rounded, other columns on their own), p values with <c>format.pval</c>,
/// significance stars and their legend.
/// </summary>
internal static class RCoefficientMatrix
{
    /// <summary>The legend R prints under a table with significance stars (UTF-8 locale).</summary>
    public const string SignificanceLegend = "Signif. codes:  0 \u2018***\u2019 0.001 \u2018**\u2019 0.01 \u2018*\u2019 0.05 \u2018.\u2019 0.1 \u2018 \u2019 1";

    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>The printed lines of <c>printCoefmat(x, digits, cs.ind, tst.ind, zap.ind)</c>.</summary>
    /// <param name="rowNames">Row names.</param>
    /// <param name="columnNames">Column names; the last is the p-value column when <paramref name="hasPValue"/>.</param>
    /// <param name="columns">The values, one array per column.</param>
    /// <param name="digits">R's <c>digits</c>.</param>
    /// <param name="coefficientColumns">0-based columns formatted together as estimates (<c>cs.ind</c>).</param>
    /// <param name="testColumns">0-based columns of test statistics (<c>tst.ind</c>).</param>
    /// <param name="zapColumns">0-based columns passed through <c>zapsmall</c> first (<c>zap.ind</c>).</param>
    /// <param name="hasPValue">True when the last column holds p values.</param>
    /// <param name="naPrint">Text for missing values.</param>
    public static IReadOnlyList<string> Print(IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames,
        IReadOnlyList<double[]> columns, int digits, int[] coefficientColumns, int[] testColumns, int[] zapColumns,
        bool hasPValue, string naPrint = "NA")
    {
        int nr = rowNames.Count, nc = columns.Count;
        var x = columns.Select(c => (double[])c.Clone()).ToArray();
        var cells = new string[nr, nc];
        for (int i = 0; i < nr; i++) for (int j = 0; j < nc; j++) cells[i, j] = "";
        foreach (int j in zapColumns) x[j] = RNumberFormatter.ZapSmall(x[j], digits);
        int digTest = Math.Max(1, Math.Min(5, digits - 1));

        if (coefficientColumns.Length > 0)
        {
            var all = coefficientColumns.SelectMany(j => x[j]).ToArray();
            if (all.Any(double.IsFinite))
            {
                var nonZero = all.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToArray();
                int digMin = 1 + (nonZero.Length > 0 ? (int)Math.Floor(Math.Log10(nonZero.Min())) : 0);
                int decimals = Math.Max(1, digits - digMin);
                var text = RNumberFormatter.Format(all.Select(v => RNumberFormatter.Round(v, decimals)).ToArray(), digits);
                Fill(cells, coefficientColumns, nr, text);
            }
        }
        if (testColumns.Length > 0)
        {
            var all = testColumns.SelectMany(j => x[j]).Select(v => RNumberFormatter.Round(v, digTest)).ToArray();
            Fill(cells, testColumns, nr, RNumberFormatter.Format(all, digits));
        }
        for (int j = 0; j < nc; j++)
        {
            if (coefficientColumns.Contains(j) || testColumns.Contains(j) || (hasPValue && j == nc - 1)) continue;
            Fill(cells, [j], nr, FormatWithNa(x[j], digits));
        }
        // a nonzero value shown as zero (or the reverse) gets fewer digits, as printCoefmat does
        for (int j = 0; j < nc - (hasPValue ? 1 : 0); j++)
        {
            if (testColumns.Contains(j)) continue;
            for (int i = 0; i < nr; i++)
            {
                double v = x[j][i];
                if (double.IsNaN(v)) continue;
                if (!double.TryParse(cells[i, j], System.Globalization.NumberStyles.Float,
                        System.Globalization.CultureInfo.InvariantCulture, out double shown)) continue;
                if ((v == 0) != (shown == 0)) cells[i, j] = RNumberFormatter.FormatSingle(v, Math.Max(1, digits - 1));
            }
        }
        for (int j = 0; j < nc; j++)
            for (int i = 0; i < nr; i++)
                if (double.IsNaN(x[j][i])) cells[i, j] = naPrint;

        bool stars = false;
        string[] starText = [];
        if (hasPValue)
        {
            var p = x[nc - 1];
            var okRows = Enumerable.Range(0, nr).Where(i => !double.IsNaN(p[i])).ToArray();
            if (okRows.Length > 0)
            {
                var text = FormatPValues(okRows.Select(i => p[i]).ToArray(), digTest);
                for (int k = 0; k < okRows.Length; k++) cells[okRows[k], nc - 1] = text[k];
                stars = okRows.Any(i => p[i] < 0.1);
                if (stars)
                {
                    var symbols = p.Select(Stars).ToArray();
                    int width = symbols.Max(s => s.Length);
                    starText = symbols.Select(s => s.PadRight(width)).ToArray();
                }
            }
        }

        var names = columnNames.ToList();
        var table = cells;
        if (stars)
        {
            names.Add("");
            table = new string[nr, nc + 1];
            for (int i = 0; i < nr; i++)
            {
                for (int j = 0; j < nc; j++) table[i, j] = cells[i, j];
                table[i, nc] = starText[i];
            }
        }
        var lines = RTextLayout.Matrix(rowNames, names, table, right: true).ToList();
        if (stars)
        {
            lines.Add("---");
            lines.Add(SignificanceLegend);
        }
        return lines;
    }

    /// <summary>R's <c>format.pval(p, digits, eps = .Machine$double.eps)</c> for values that are not missing.</summary>
    public static string[] FormatPValues(IReadOnlyList<double> p, int digits)
    {
        var result = new string[p.Count];
        var small = Enumerable.Range(0, p.Count).Where(i => p[i] < Epsilon).ToArray();
        var rest = Enumerable.Range(0, p.Count).Where(i => !(p[i] < Epsilon)).ToArray();
        var fix = rest.Where(i => Exponent(p[i]) >= -3 || (Exponent(p[i]) == -4 && digits > 1)).ToArray();
        var sci = rest.Except(fix).ToArray();
        foreach (var group in new[] { fix, sci })
        {
            if (group.Length == 0) continue;
            var text = RNumberFormatter.Format(group.Select(i => p[i]).ToArray(), digits);
            for (int k = 0; k < group.Length; k++) result[group[k]] = text[k];
        }
        if (small.Length > 0)
        {
            int d = Math.Max(1, digits - 2);
            string sep;
            if (rest.Length > 0)
            {
                int width = rest.Max(i => result[i].Length);
                if (d > 1 && d + 6 > width) d = Math.Max(1, width - 7);
                sep = d == 1 && width <= 6 ? "" : " ";
            }
            else sep = d == 1 ? "" : " ";
            string eps = "<" + sep + RNumberFormatter.FormatSingle(Epsilon, d);
            foreach (int i in small) result[i] = eps;
        }
        return result;
    }

    /// <summary>R's <c>format(x, digits)</c> of a column with NA: NA is two characters wide, the rest padded to a common width.</summary>
    private static string[] FormatWithNa(double[] column, int digits)
    {
        var present = Enumerable.Range(0, column.Length).Where(i => !double.IsNaN(column[i])).ToArray();
        if (present.Length == column.Length) return RNumberFormatter.Format(column, digits);
        var result = Enumerable.Repeat("NA", column.Length).ToArray();
        if (present.Length == 0) return result;
        var text = RNumberFormatter.Format(present.Select(i => column[i]).ToArray(), digits);
        int width = Math.Max(2, text.Max(t => t.Length));
        for (int k = 0; k < present.Length; k++) result[present[k]] = text[k].PadLeft(width);
        return result;
    }

    private static int Exponent(double p) => (int)Math.Floor(Math.Log10(p > 0 ? p : 1e-50));

    private static string Stars(double p) =>
        double.IsNaN(p) ? "" : p <= 0.001 ? "***" : p <= 0.01 ? "**" : p <= 0.05 ? "*" : p <= 0.1 ? "." : " ";

    private static void Fill(string[,] cells, int[] columns, int rows, string[] columnMajor)
    {
        for (int k = 0; k < columns.Length; k++)
            for (int i = 0; i < rows; i++) cells[i, columns[k]] = columnMajor[k * rows + i];
    }
}
