using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The cases of tests/reference/optimizer.json (written by r/optimizer.R): models on which a derivative-free search
/// can stop short, with lme4's default and tight (minqa BOBYQA, rhoend 1e-10) optima. Default fits are cached.
/// </summary>
public static class OptimizerCases
{
    private static readonly ConcurrentDictionary<string, Lazy<LinearMixedModelFit>> Fits = new();

    /// <summary>All case ids, for theories.</summary>
    public static IEnumerable<object[]> Ids => GoldenFile.CaseIds("optimizer");

    /// <summary>The R reference of a case.</summary>
    public static JsonElement Reference(string id) => GoldenFile.Case("optimizer", id);

    /// <summary>lme4's tight optimum of the case's criterion.</summary>
    public static double TightOptimum(string id) => Reference(id).GetProperty("tight").GetProperty("objective").GetDouble();

    /// <summary>Our fit with default options, cached.</summary>
    public static LinearMixedModelFit Fit(string id) => Fits.GetOrAdd(id, key => new Lazy<LinearMixedModelFit>(() => Fit(key, o => o))).Value;

    /// <summary>Our fit with options changed by <paramref name="change"/>.</summary>
    public static LinearMixedModelFit Fit(string id, Func<LinearMixedModelOptions, LinearMixedModelOptions> change)
    {
        var r = Reference(id);
        return LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Data(r), change(Options(r)));
    }

    internal static Dataset Data(JsonElement r)
    {
        string name = r.GetProperty("dataset").GetString()!;
        return r.GetProperty("builtin").GetBoolean()
            ? Datasets.Load(name)
            : CsvReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "reference", "data", name + ".csv"));
    }

    internal static LinearMixedModelOptions Options(JsonElement r) => new()
    {
        Method = r.GetProperty("REML").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood,
        Contrasts = r.GetProperty("contrasts").GetString() == "sum" ? ContrastCoding.Sum : ContrastCoding.Treatment,
    };
}
