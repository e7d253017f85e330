using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;

namespace MixedEffects.Tests.Models;

/// <summary>Fits each case of tests/reference/lmm.json once per test run (the model cache).</summary>
public static class LmmCases
{
    private static readonly ConcurrentDictionary<string, Lazy<LinearMixedModelFit>> Fits = new();
    private static readonly ConcurrentDictionary<string, Lazy<LinearMixedModelFit>> AtReference = new();

    /// <summary>The R reference of a case.</summary>
    public static JsonElement Reference(string id) => GoldenFile.Case("lmm", id);

    /// <summary>Our fit of the case, cached.</summary>
    public static LinearMixedModelFit Fit(string id) => Fits.GetOrAdd(id, key => new Lazy<LinearMixedModelFit>(() =>
    {
        var r = Reference(key);
        return LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!), Options(r));
    })).Value;

    /// <summary>Our model evaluated at lme4's theta (no optimization): isolates the computation from the optimizer's stop.</summary>
    public static LinearMixedModelFit FitAtLme4Theta(string id) => AtReference.GetOrAdd(id, key => new Lazy<LinearMixedModelFit>(() =>
    {
        var r = Reference(key);
        var options = Options(r);
        var formula = r.GetProperty("formula").GetString()!;
        var design = LinearMixedModelDesign.Build(MixedEffects.Formulas.ModelSpecification.FromFormula(formula), Datasets.Load(r.GetProperty("dataset").GetString()!), options);
        return LinearMixedModel.FitAtTheta(design, options, formula, r.GetProperty("theta").Numbers());
    })).Value;

    /// <summary>The options of a case (method, contrasts, weights).</summary>
    public static LinearMixedModelOptions OptionsOf(string id) => Options(Reference(id));

    /// <summary>Our fit of the case with options changed by <paramref name="change"/> (not cached).</summary>
    public static LinearMixedModelFit Fit(string id, Func<LinearMixedModelOptions, LinearMixedModelOptions> change)
    {
        var r = Reference(id);
        return LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!), change(Options(r)));
    }

    /// <summary>The design of a case.</summary>
    internal static LinearMixedModelDesign Design(string id)
    {
        var r = Reference(id);
        return LinearMixedModelDesign.Build(MixedEffects.Formulas.ModelSpecification.FromFormula(r.GetProperty("formula").GetString()!),
            Datasets.Load(r.GetProperty("dataset").GetString()!), Options(r));
    }

    private static LinearMixedModelOptions Options(JsonElement r)
    {
        return new LinearMixedModelOptions
        {
            Method = r.GetProperty("REML").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood,
            Contrasts = r.GetProperty("contrasts").GetString() switch
            {
                "sum" => ContrastCoding.Sum,
                "helmert" => ContrastCoding.Helmert,
                _ => ContrastCoding.Treatment,
            },
            WeightsColumn = r.TryGetProperty("weights", out var w) && w.ValueKind == JsonValueKind.String ? w.GetString() : null,
        };
    }

    /// <summary>
    /// True when our criterion is lower than lme4's by more than the objective tolerance: lme4 stopped short
    /// (e.g. a convergence failure), so its parameters are not the optimum to compare with.
    /// </summary>
    public static bool BetterThanReference(string id)
    {
        double r = Reference(id).GetProperty("objective").GetDouble();
        return Fit(id).Criterion < r - 1e-6 * Math.Abs(r);
    }
}
