using System.Text.Json;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// Cases of tests/reference/glmm.json (written by tests/reference/r/glmm.R with lme4 1.1-31) and the command-line
/// arguments that fit each of them.
/// </summary>
internal static class GoldenGlmm
{
    public static JsonElement Root()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "reference", "glmm.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static JsonElement Case(string id)
    {
        foreach (var c in Root().GetProperty("cases").EnumerateArray())
            if (c.GetProperty("id").GetString() == id) return c;
        throw new InvalidOperationException($"no case '{id}' in glmm.json");
    }

    /// <summary><c>fit DATA FORMULA --family F --link L --nagq N [--weights W]</c> for a case.</summary>
    public static string[] FitArguments(JsonElement c)
    {
        var args = new List<string>
        {
            "fit", c.GetProperty("dataset").GetString()!, c.GetProperty("formula").GetString()!,
            "--family", c.GetProperty("family").GetString()!, "--link", c.GetProperty("link").GetString()!,
            "--nagq", c.GetProperty("nAGQ").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (c.GetProperty("weights").ValueKind == JsonValueKind.String)
            args.AddRange(["--weights", c.GetProperty("weights").GetString()!]);
        return args.ToArray();
    }
}
