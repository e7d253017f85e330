using System.Globalization;
using System.Text;

namespace MixedEffects.Cli;

/// <summary>
/// Writes CSV tables as R's <c>write.csv(row.names = FALSE)</c> does: comma-separated, the header and every text
/// cell in double quotes with inner quotes doubled, numbers unquoted in round-trip form, missing values as NA
/// (so a text column such as a subject "308" reads back as text in R, pandas and this program).
/// </summary>
internal static class CsvTableWriter
{
    /// <summary>Writes a header and rows to <paramref name="path"/> (<c>-</c>: to <paramref name="stdout"/>).</summary>
    /// <exception cref="CommandLineException">The file cannot be written.</exception>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, TextWriter? stdout = null)
    {
        string text = Format(header, rows);
        if (path == "-" && stdout is not null)
        {
            stdout.Write(text);
            return;
        }
        try
        {
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandLineException($"cannot write '{path}': {e.Message}");
        }
    }

    /// <summary>The CSV text of a header and rows.</summary>
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", header.Select(Quote))).Append('\n');
        foreach (var row in rows) text.Append(string.Join(",", row.Select(Cell))).Append('\n');
        return text.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "NA",
        double d => double.IsNaN(d) ? "NA" : double.IsPositiveInfinity(d) ? "Inf" : double.IsNegativeInfinity(d) ? "-Inf"
            : d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        string s => Quote(s),
        CsvNumber n => n.Text,
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
