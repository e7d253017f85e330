using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;

namespace MixedEffects.Tests.Inference;

/// <summary>
/// The parts of tests/reference/inference.json (written by tests/reference/r/inference.R: lme4 1.1.31, lmerTest 3.1.3)
/// used by the model-comparison, ranova, interval and least-squares tests, with each model fitted once by us.
/// </summary>
internal static class InferenceGolden
{
    private static readonly ConcurrentDictionary<string, Lazy<LinearMixedModelFit>> Fits = new();

    public static JsonElement Root => GoldenFile.Load("inference");

    public static IEnumerable<object[]> ModelIds() =>
        Root.GetProperty("models").EnumerateArray().Select(m => new object[] { m.GetProperty("id").GetString()! });

    public static JsonElement Model(string id) =>
        Root.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    /// <summary>Our REML fit of a reference model (optimized by us, not evaluated at lme4's theta).</summary>
    public static LinearMixedModelFit Fit(string id) => Fits.GetOrAdd(id, key => new Lazy<LinearMixedModelFit>(() =>
    {
        var m = Model(key);
        return Fit(m.GetProperty("formula").GetString()!, m.GetProperty("dataset").GetString()!, EstimationMethod.Reml);
    })).Value;

    public static LinearMixedModelFit Fit(string formula, string dataset, EstimationMethod method) =>
        LinearMixedModel.Fit(formula, Datasets.Load(dataset), new LinearMixedModelOptions { Method = method });

    /// <summary>A JSON number, or NaN for null.</summary>
    public static double Num(JsonElement e, string name) => e.GetProperty(name).Number();
}
