using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// Marginal means and contrasts against emmeans 1.8.4-1 (tests/reference/emmeans.json). Estimates and standard
/// errors do not depend on the degrees-of-freedom method; adjusted p-values and intervals are checked with the
/// asymptotic method, or with emmeans' own degrees of freedom supplied by <see cref="GoldenDegreesOfFreedom"/>.
/// </summary>
public class EmmeansTests
{
    private const double Tolerance = 1e-4;

    private static readonly Dictionary<string, LinearMixedModelFit> Fits = new();

    private static LinearMixedModelFit Fit(JsonElement c)
    {
        var model = c.GetProperty("model");
        string key = model.GetProperty("dataset").GetString() + "|" + model.GetProperty("formula").GetString();
        lock (Fits)
        {
            if (!Fits.TryGetValue(key, out var fit))
            {
                fit = LinearMixedModel.Fit(model.GetProperty("formula").GetString()!, Datasets.Load(model.GetProperty("dataset").GetString()!));
                Fits[key] = fit;
            }
            return fit;
        }
    }

    private static void Close(double expected, double actual, string what, double tolerance = Tolerance)
    {
        if (double.IsPositiveInfinity(expected)) { Assert.True(double.IsPositiveInfinity(actual), $"{what}: expected Inf, got {actual}"); return; }
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(scale, 1e-12) || Math.Abs(expected - actual) < 1e-12,
            $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>
    /// A small tail probability's relative error is about t^2 times the relative error of t (which carries the
    /// fit's ~1e-6 agreement with lme4), so the tolerance widens for large |t|.
    /// </summary>
    private static double PTolerance(double t) => Tolerance * Math.Max(1, t * t / 10);

    private static EstimatedMarginalMeans Means(JsonElement c, IContrastInference? inference)
    {
        var fit = Fit(c);
        return Emmeans.Compute(fit, c.GetProperty("specs").GetString()!, inference: inference);
    }

    private static IContrastInference GoldenInference(JsonElement c)
    {
        var fit = Fit(c);
        var known = c.GetProperty("grid").EnumerateArray()
            .Concat(c.TryGetProperty("contrasts", out var con) ? con.EnumerateArray() : [])
            .Select(r => (GoldenEmmeans.Number(r, "estimate"), GoldenEmmeans.Number(r, "df"))).ToArray();
        return new GoldenDegreesOfFreedom(c.GetProperty("df_method").GetString()!, fit.Beta, fit.FixedEffectsCovariance, known);
    }

    private static MarginalContrasts Contrasts(JsonElement c, EstimatedMarginalMeans means)
    {
        var adjust = PValueAdjustment.Parse(c.GetProperty("adjust").GetString()!);
        return means.Contrast(c.GetProperty("contrast_method").GetString()!, adjust);
    }

    public static TheoryData<string> LmmCases() =>
    [
        "fhch2010_task_stimulus_pairwise", "fhch2010_task_by_stimulus_pairwise", "fhch2010_task_stimulus_asymptotic",
        "cake_recipe_pairwise_tukey", "cake_temperature_poly", "cake_temperature_consec_holm", "cake_temperature_trt_vs_ctrl_dunnettx",
        "cake_temperature_pairwise_bonferroni", "cake_temperature_pairwise_sidak", "cake_temperature_pairwise_BH",
        "cake_temperature_pairwise_hochberg", "cake_temperature_pairwise_scheffe", "cake_temperature_pairwise_none",
        "cake_recipe_by_temperature_pairwise", "cake_recipe_temperature_satterthwaite", "dietox_evit_pairwise",
    ];

    [Theory]
    [MemberData(nameof(LmmCases))]
    public void GridMatchesEmmeans(string id)
    {
        var c = GoldenEmmeans.Case(id);
        var means = Means(c, GoldenInference(c));
        var golden = c.GetProperty("grid").EnumerateArray().ToArray();
        Assert.Equal(golden.Length, means.Rows.Count);
        Assert.Equal(c.GetProperty("grid_vars").EnumerateArray().Select(v => v.GetString()), means.PrimaryVariables.Concat(means.ByVariables));
        for (int i = 0; i < golden.Length; i++)
        {
            var g = golden[i];
            var r = means.Rows[i];
            foreach (var level in g.GetProperty("levels").EnumerateObject())
                Assert.Equal(level.Value.GetString(), r.Levels[level.Name]);
            Close(GoldenEmmeans.Number(g, "estimate"), r.Estimate, $"{id} grid {i} estimate");
            Close(GoldenEmmeans.Number(g, "se"), r.StandardError, $"{id} grid {i} se");
            Close(GoldenEmmeans.Number(g, "statistic"), r.Statistic, $"{id} grid {i} t");
            Close(GoldenEmmeans.Number(g, "lower"), r.Lower, $"{id} grid {i} lower");
            Close(GoldenEmmeans.Number(g, "upper"), r.Upper, $"{id} grid {i} upper");
            Close(GoldenEmmeans.Number(g, "p"), r.PValue, $"{id} grid {i} p", PTolerance(r.Statistic));
        }
        Assert.Equal(c.GetProperty("grid_messages").EnumerateArray().Select(m => m.GetString()), means.Messages);
        Assert.Equal(c.GetProperty("emmeans_messages").EnumerateArray().Select(m => m.GetString()), means.Notes);
    }

    [Theory]
    [MemberData(nameof(LmmCases))]
    public void ContrastsMatchEmmeans(string id)
    {
        var c = GoldenEmmeans.Case(id);
        var contrasts = Contrasts(c, Means(c, GoldenInference(c)));
        var golden = c.GetProperty("contrasts").EnumerateArray().ToArray();
        Assert.Equal(golden.Select(g => g.GetProperty("contrast").GetString()), contrasts.Rows.Select(r => r.Name));
        for (int i = 0; i < golden.Length; i++)
        {
            var g = golden[i];
            var r = contrasts.Rows[i];
            if (g.TryGetProperty("levels", out var by))
                foreach (var level in by.EnumerateObject()) Assert.Equal(level.Value.GetString(), r.ByLevels[level.Name]);
            Close(GoldenEmmeans.Number(g, "estimate"), r.Estimate, $"{id} contrast {i} estimate");
            Close(GoldenEmmeans.Number(g, "se"), r.StandardError, $"{id} contrast {i} se");
            Close(GoldenEmmeans.Number(g, "statistic"), r.Statistic, $"{id} contrast {i} t");
            Close(GoldenEmmeans.Number(g, "lower"), r.Lower, $"{id} contrast {i} lower");
            Close(GoldenEmmeans.Number(g, "upper"), r.Upper, $"{id} contrast {i} upper");
            Close(GoldenEmmeans.Number(g, "p"), r.PValue, $"{id} contrast {i} p", PTolerance(r.Statistic));
        }
        var coefficients = c.GetProperty("contrast_coefficients").EnumerateObject().Select(p => p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(coefficients.Length, contrasts.Coefficients.Count);
        for (int i = 0; i < coefficients.Length; i++) Assert.Equal(coefficients[i], contrasts.Coefficients[i]);
        Assert.Equal(c.GetProperty("contrast_messages").EnumerateArray().Select(m => m.GetString()), contrasts.Messages);
    }
}
