using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Models;

namespace MixedEffects.Tests.Models.Glmm;

/// <summary>
/// Reads tests/reference/glmm.json (lme4::glmer fits written by tests/reference/r/glmm.R) and fits each case once.
/// </summary>
internal static class GlmmReference
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(FindFile("glmm.json"))));
    private static readonly ConcurrentDictionary<string, GeneralizedLinearMixedModelFit> Fits = new();

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<object[]> CaseIds =>
        Root.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    public static JsonElement Case(string id) =>
        Root.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("id").GetString() == id);

    public static GeneralizedLinearMixedModelOptions Options(JsonElement c) => new()
    {
        Family = c.GetProperty("family").GetString()!,
        Link = c.GetProperty("link").GetString(),
        NAgq = c.GetProperty("nAGQ").GetInt32(),
        WeightsColumn = c.GetProperty("weights").ValueKind == JsonValueKind.Null ? null : c.GetProperty("weights").GetString(),
    };

    public static GeneralizedLinearMixedModelFit Fit(string id) => Fits.GetOrAdd(id, key =>
    {
        var c = Case(key);
        return GeneralizedLinearMixedModel.Fit(c.GetProperty("formula").GetString()!,
            Datasets.Load(c.GetProperty("dataset").GetString()!), Options(c));
    });

    public static double[] Numbers(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double Number(this JsonElement e, string property) => e.GetProperty(property).GetDouble();

    private static string FindFile(string name)
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "reference", name);
        if (File.Exists(copied)) return copied;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "reference", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"tests/reference/{name} not found above {AppContext.BaseDirectory}");
    }
}
