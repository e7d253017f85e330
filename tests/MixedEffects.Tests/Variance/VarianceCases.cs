using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using MixedEffects.Variance;

namespace MixedEffects.Tests.Variance;

/// <summary>Fits each case of tests/reference/variance.json (nlme::lme and glmmTMB references) once per test run.</summary>
public static class VarianceCases
{
    private static readonly ConcurrentDictionary<string, Lazy<LinearMixedModelFit>> Fits = new();

    /// <summary>The R reference of a case.</summary>
    public static JsonElement Reference(string id) => GoldenFile.Case("variance", id);

    /// <summary>Ids of the cases fitted by the given R engine (nlme or glmmTMB).</summary>
    public static IEnumerable<object[]> Ids(string engine) =>
        GoldenFile.Load("variance").GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("engine").GetString() == engine)
            .Select(c => new object[] { c.GetProperty("id").GetString()! });

    /// <summary>Ids of the entries of another section of variance.json (e.g. "kenward_roger").</summary>
    public static IEnumerable<object[]> SectionIds(string section) =>
        GoldenFile.Load("variance").GetProperty(section).EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    /// <summary>The entry <paramref name="id"/> of a section of variance.json.</summary>
    public static JsonElement SectionEntry(string section, string id) =>
        GoldenFile.Load("variance").GetProperty(section).EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    /// <summary>Our fit of a section's entry: its formula, dataset and variance function, REML unless it says otherwise.</summary>
    public static LinearMixedModelFit FitEntry(JsonElement r) =>
        LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!),
            new LinearMixedModelOptions
            {
                Variance = VarianceFunction.Parse(r.GetProperty("variance").GetString()!),
                Method = r.TryGetProperty("REML", out var reml) && !reml.GetBoolean() ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml,
            });

    /// <summary>The options of a case: REML or ML with the case's variance function and prior weights (nlme: varFixed(~ 1 / w)).</summary>
    public static LinearMixedModelOptions Options(JsonElement r) => new()
    {
        Method = r.GetProperty("REML").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood,
        Variance = VarianceFunction.Parse(r.GetProperty("variance").GetString()!),
        WeightsColumn = r.OptionalString("weights"),
    };

    /// <summary>Our fit of the case, cached.</summary>
    public static LinearMixedModelFit Fit(string id) => Fits.GetOrAdd(id, key => new Lazy<LinearMixedModelFit>(() =>
    {
        var r = Reference(key);
        return LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!), Options(r));
    })).Value;
}
