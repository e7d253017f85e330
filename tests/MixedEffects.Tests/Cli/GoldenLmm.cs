using System.Text.Json;

namespace MixedEffects.Tests.Cli;

/// <summary>Cases of tests/reference/lmm.json (written by tests/reference/r/lmm.R with lme4 1.1-31).</summary>
internal static class GoldenLmm
{
    public static JsonElement Case(string id)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "reference", "lmm.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("id").GetString() == id) return c.Clone();
        throw new InvalidOperationException($"no case '{id}' in {path}");
    }
}
