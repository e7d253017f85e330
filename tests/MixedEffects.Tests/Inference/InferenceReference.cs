using Xunit;
using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;

namespace MixedEffects.Tests.Inference;

/// <summary>
/// Reads tests/reference/inference.json (written by tests/reference/r/inference.R with lmerTest 3.1.3 and
/// pbkrtest 0.5.2) and fits each of its models once (REML, as there).
/// </summary>
internal static class InferenceReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "inference.json"))));

    private static readonly ConcurrentDictionary<string, LinearMixedModelFit> Fits = new();

    public static IEnumerable<object[]> ModelIds() =>
        Document.Value.RootElement.GetProperty("models").EnumerateArray().Select(m => new object[] { m.GetProperty("id").GetString()! });

    public static IEnumerable<object[]> KenwardRogerModelIds() =>
        Document.Value.RootElement.GetProperty("models").EnumerateArray()
            .Where(m => m.GetProperty("kenward_roger_computed").GetBoolean())
            .Select(m => new object[] { m.GetProperty("id").GetString()! });

    public static JsonElement Model(string id) =>
        Document.Value.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    /// <summary>
    /// The REML fit of a reference model evaluated at lme4's theta (from the JSON), so that the inference is compared
    /// without the small differences between two optimizers' stopping points.
    /// </summary>
    public static LinearMixedModelFit Fit(string id) => Fits.GetOrAdd(id, key =>
    {
        var m = Model(key);
        string formula = m.GetProperty("formula").GetString()!;
        var options = new LinearMixedModelOptions();
        var design = LinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula),
            Datasets.Load(m.GetProperty("dataset").GetString()!), options);
        var theta = m.GetProperty("theta").EnumerateArray().Select(Number).ToArray();
        return LinearMixedModel.FitAtTheta(design, options, formula, theta);
    });

    /// <summary>The same model fitted by this library's optimizer.</summary>
    public static LinearMixedModelFit OptimizedFit(string id)
    {
        var m = Model(id);
        return LinearMixedModel.Fit(m.GetProperty("formula").GetString()!, Datasets.Load(m.GetProperty("dataset").GetString()!));
    }

    /// <summary>A number, or NaN for null; the string "Inf" is positive infinity.</summary>
    public static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when e.GetString() == "Inf" => double.PositiveInfinity,
        _ => double.NaN,
    };

    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NA, got {actual}"); return; }
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(actual - expected) <= tolerance * scale,
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / scale:E2}, tolerance {tolerance:E0})");
    }
}
