using System.Text.Json;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// Models of tests/reference/inference.json (tests/reference/r/inference.R: lmerTest 3.1-3, pbkrtest 0.5.2) and cases
/// of tests/reference/emmeans.json (tests/reference/r/emmeans.R: emmeans 1.8.4-1).
/// </summary>
internal static class GoldenInference
{
    public static JsonElement Model(string id) => Find("inference.json", "models", id);

    public static JsonElement EmmeansCase(string id) => Find("emmeans.json", "cases", id);

    private static JsonElement Find(string file, string list, string id)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "reference", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var c in doc.RootElement.GetProperty(list).EnumerateArray())
            if (c.GetProperty("id").GetString() == id) return c.Clone();
        throw new InvalidOperationException($"no case '{id}' in {path}");
    }

    /// <summary>A number of a golden file; degrees of freedom may be the string "Inf".</summary>
    public static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && e.GetString() == "Inf" ? double.PositiveInfinity : e.GetDouble();

    /// <summary>Relative closeness |a - e| &lt;= tol |e| (absolute below 1).</summary>
    public static void AssertClose(double expected, double actual, double relTol, string what)
    {
        bool ok = Math.Abs(expected - actual) <= relTol * Math.Max(1e-300, Math.Abs(expected));
        Xunit.Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
