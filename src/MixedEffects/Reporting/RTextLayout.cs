using System.Text;

namespace MixedEffects.Reporting;

/// <summary>
/// Lays out text the way R's <c>print</c> does for named vectors and character matrices
/// (one space between columns, lines at most 80 characters, wide matrices split into column blocks).
/// </summary>
internal static class RTextLayout
{
    private const int LineWidth = 80;

    /// <summary>R's printing of a named vector: names and values right-justified to one common width, each followed by a space.</summary>
    public static IEnumerable<string> NamedVector(IReadOnlyList<string> names, IReadOnlyList<string> values)
    {
        int w = Math.Max(names.Max(n => n.Length), values.Max(v => v.Length));
        int perLine = Math.Max(1, LineWidth / (w + 1));
        for (int start = 0; start < names.Count; start += perLine)
        {
            int end = Math.Min(names.Count, start + perLine);
            var head = new StringBuilder();
            var body = new StringBuilder();
            for (int i = start; i < end; i++)
            {
                head.Append(names[i].PadLeft(w)).Append(' ');
                body.Append(values[i].PadLeft(w)).Append(' ');
            }
            yield return head.ToString();
            yield return body.ToString();
        }
    }

    /// <summary>
    /// R's printing of a character matrix with <c>quote = FALSE</c>: row names left-justified, cells and column
    /// names left- or right-justified (<paramref name="right"/>), one space before each column.
    /// </summary>
    public static IEnumerable<string> Matrix(IReadOnlyList<string> rowNames, IReadOnlyList<string> columnNames,
        string[,] cells, bool right)
    {
        int rows = rowNames.Count, cols = columnNames.Count;
        int rowLabelWidth = rowNames.Count == 0 ? 0 : rowNames.Max(r => r.Length);
        var widths = new int[cols];
        for (int j = 0; j < cols; j++)
        {
            widths[j] = columnNames[j].Length;
            for (int i = 0; i < rows; i++) widths[j] = Math.Max(widths[j], cells[i, j].Length);
        }
        int jmin = 0;
        while (jmin < cols)
        {
            int width = rowLabelWidth;
            int jmax = jmin;
            do { width += widths[jmax] + 1; jmax++; }
            while (jmax < cols && width + widths[jmax] + 1 < LineWidth);

            var header = new StringBuilder(new string(' ', rowLabelWidth));
            for (int j = jmin; j < jmax; j++) header.Append(' ').Append(Justify(columnNames[j], widths[j], right));
            yield return header.ToString();
            for (int i = 0; i < rows; i++)
            {
                var line = new StringBuilder(rowNames[i].PadRight(rowLabelWidth));
                for (int j = jmin; j < jmax; j++) line.Append(' ').Append(Justify(cells[i, j], widths[j], right));
                yield return line.ToString();
            }
            jmin = jmax;
        }
    }

    private static string Justify(string s, int width, bool right) => right ? s.PadLeft(width) : s.PadRight(width);
}
