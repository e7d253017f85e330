using System.Text.Json;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary>Assertions shared by the command-line tests.</summary>
internal static class CliAssertions
{
    /// <summary>
    /// Exit code 2, nothing on standard output, exactly one line "mixed: error: ..." on standard error (no stack
    /// trace) containing every fragment.
    /// </summary>
    public static CliRun AssertUserError(CliRun run, params string[] fragments)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("mixed: error: ", lines[0]);
        Assert.DoesNotContain("   at ", run.Stderr);
        foreach (var f in fragments) Assert.Contains(f, lines[0]);
        return run;
    }

    /// <summary>Asserts that two JSON arrays have the same length, then <paramref name="assertRow"/>(gold, output, index) on each pair.</summary>
    public static void AssertRows(JsonElement gold, JsonElement output, Action<JsonElement, JsonElement, int> assertRow)
    {
        var g = gold.EnumerateArray().ToArray();
        var o = output.EnumerateArray().ToArray();
        Assert.Equal(g.Length, o.Length);
        for (int i = 0; i < g.Length; i++) assertRow(g[i], o[i], i);
    }

    /// <summary>
    /// Asserts that standard output has a line <paramref name="anchor"/> (not the first) and that the lines from
    /// <paramref name="offset"/> lines after it are <paramref name="expected"/>.
    /// </summary>
    public static void AssertLinesAfter(CliRun run, string anchor, int offset, params string[] expected)
    {
        var lines = run.StdoutLines;
        int start = Array.IndexOf(lines, anchor);
        Assert.True(start > 0, run.Stdout);
        Assert.Equal(expected, lines[(start + offset)..(start + offset + expected.Length)]);
    }

    /// <summary>
    /// The lines of a CSV file the command wrote, with the double quotes R's write.csv puts around the header and
    /// text cells removed (for tables whose cells hold no comma; the quoting itself is checked on its own).
    /// </summary>
    public static string[] CsvLines(string path) =>
        File.ReadAllLines(path).Select(line => line.Replace("\"", "", StringComparison.Ordinal)).ToArray();
}
