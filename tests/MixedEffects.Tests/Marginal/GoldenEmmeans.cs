using System.Text.Json;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// Cases of tests/reference/emmeans.json and glmm.json (written by tests/reference/r/emmeans.R and glmm.R with
/// emmeans 1.8.4-1, lme4 1.1-31, R 4.2.2).
/// </summary>
internal static class GoldenEmmeans
{
    private static readonly Lazy<JsonElement> Emmeans = new(() => Load("emmeans.json"));
    private static readonly Lazy<JsonElement> Glmm = new(() => Load("glmm.json"));

    public static JsonElement Case(string id) => Find(Emmeans.Value, id);

    public static JsonElement GlmmCase(string id) => Find(Glmm.Value, id);

    public static JsonElement JointTests(string dataset) =>
        Emmeans.Value.GetProperty("joint_tests").EnumerateArray().First(j => j.GetProperty("model").GetProperty("dataset").GetString() == dataset);

    public static JsonElement JointTests(string dataset, string dfMethod) =>
        Emmeans.Value.GetProperty("joint_tests").EnumerateArray().First(j =>
            j.GetProperty("model").GetProperty("dataset").GetString() == dataset && j.GetProperty("df_method").GetString() == dfMethod);

    /// <summary>A number field; "Inf" strings are positive infinity, null is NaN.</summary>
    public static double Number(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when v.GetString() == "Inf" => double.PositiveInfinity,
            _ => double.NaN,
        };
    }

    private static JsonElement Find(JsonElement root, string id)
    {
        foreach (var c in root.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("id").GetString() == id) return c;
        throw new InvalidOperationException($"no case '{id}'");
    }

    private static JsonElement Load(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "reference", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
