using System.Globalization;
using System.Text;

namespace MixedEffects.Cli;

/// <summary>Writes small CSV tables: comma-separated, text quoted when needed, numbers in round-trip form, NaN as NA.</summary>
internal static class CsvTableWriter
{
    /// <summary>Writes a header and rows to <paramref name="path"/>.</summary>
    /// <exception cref="CommandLineException">The file cannot be written.</exception>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", header.Select(Text))).Append('\n');
        foreach (var row in rows) text.Append(string.Join(",", row.Select(Cell))).Append('\n');
        try
        {
            File.WriteAllText(path, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandLineException($"cannot write '{path}': {e.Message}");
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "NA",
        double d => double.IsNaN(d) ? "NA" : double.IsPositiveInfinity(d) ? "Inf" : double.IsNegativeInfinity(d) ? "-Inf"
            : d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => Text(s),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Text(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || s != s.Trim() ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
