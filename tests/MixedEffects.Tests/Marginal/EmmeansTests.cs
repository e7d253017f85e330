using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Tests.Inference;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// Marginal means, slopes and contrasts against emmeans 1.8.4-1 (tests/reference/emmeans.json), end to end: estimates,
/// standard errors, degrees of freedom, t, adjusted p-values and intervals. The model is evaluated at lme4's theta
/// (from the same model's entry in tests/reference/inference.json, written with the same lme4 version) to compare the
/// computation without the optimizers' small differences. Each case uses emmeans' df method: our default when it is the
/// one emmeans used (Kenward-Roger up to 3000 observations; Satterthwaite above, where emmeans would fall back to
/// asymptotic unless asked), else the method chosen explicitly.
/// </summary>
public class EmmeansTests
{
    private const double Tolerance = 1e-4;

    private static readonly Dictionary<string, LinearMixedModelFit> Refits = new();

    /// <summary>
    /// The inference.json model with the dataset and formula of an emmeans case, at lme4's theta; a model that is not
    /// there (sleepstudy with log(Days + 1)) is fitted by our optimizer (agreement with lme4 about 1e-6).
    /// </summary>
    internal static LinearMixedModelFit Fit(JsonElement c)
    {
        var model = c.GetProperty("model");
        string dataset = model.GetProperty("dataset").GetString()!, formula = model.GetProperty("formula").GetString()!;
        string? id = InferenceReference.ModelIds().Select(o => (string)o[0])
            .FirstOrDefault(i => InferenceReference.Model(i).GetProperty("dataset").GetString() == dataset
                                 && InferenceReference.Model(i).GetProperty("formula").GetString() == formula);
        if (id is not null) return InferenceReference.Fit(id);
        lock (Refits)
        {
            string key = dataset + "|" + formula;
            if (!Refits.TryGetValue(key, out var fit)) Refits[key] = fit = LinearMixedModel.Fit(formula, Datasets.Load(dataset));
            return fit;
        }
    }

    /// <summary>Null (our default) when emmeans' method is our default for the model, else that method.</summary>
    internal static IContrastInference? Inference(LinearMixedModelFit fit, string dfMethod)
    {
        var method = dfMethod switch
        {
            "kenward-roger" => DdfMethod.KenwardRoger,
            "satterthwaite" => DdfMethod.Satterthwaite,
            _ => DdfMethod.Asymptotic,
        };
        var ours = fit.ObservationCount <= 3000 ? DdfMethod.KenwardRoger : DdfMethod.Asymptotic;
        return method == ours ? null : ContrastInference.For(fit, method);
    }

    private static void Close(double expected, double actual, string what, double tolerance = Tolerance)
    {
        if (double.IsPositiveInfinity(expected)) { Assert.True(double.IsPositiveInfinity(actual), $"{what}: expected Inf, got {actual}"); return; }
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(scale, 1e-12) || Math.Abs(expected - actual) < 1e-12,
            $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Compares one golden row's estimate, se, df, statistic, interval and p-value with ours.</summary>
    private static void CheckNumbers(JsonElement g, string what, double estimate, double standardError, double df,
        double statistic, double lower, double upper, double p)
    {
        Close(GoldenEmmeans.Number(g, "estimate"), estimate, $"{what} estimate");
        Close(GoldenEmmeans.Number(g, "se"), standardError, $"{what} se");
        Close(GoldenEmmeans.Number(g, "df"), df, $"{what} df");
        Close(GoldenEmmeans.Number(g, "statistic"), statistic, $"{what} t");
        Close(GoldenEmmeans.Number(g, "lower"), lower, $"{what} lower");
        Close(GoldenEmmeans.Number(g, "upper"), upper, $"{what} upper");
        Close(GoldenEmmeans.Number(g, "p"), p, $"{what} p", PTolerance(statistic));
    }

    /// <summary>Tolerance of a p-value (the same relative tolerance; kept separate to document it).</summary>
    private static double PTolerance(double t) => Tolerance + 0 * t;

    private static EstimatedMarginalMeans Means(JsonElement c)
    {
        var fit = Fit(c);
        var inference = Inference(fit, c.GetProperty("df_method").GetString()!);
        string specs = c.GetProperty("specs").GetString()!;
        return c.TryGetProperty("var", out var v) && v.ValueKind == JsonValueKind.String
            ? Emmeans.Trends(fit, specs, v.GetString()!, inference: inference)
            : Emmeans.Compute(fit, specs, inference: inference);
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
        "sleepstudy_days_trend", "dietox_time_trend_by_evit", "sleepstudy_logdays_mean", "sleepstudy_logdays_trend",
    ];

    public static TheoryData<string> ContrastCases()
    {
        var data = new TheoryData<string>();
        foreach (var row in (IEnumerable<object[]>)LmmCases())
            if (GoldenEmmeans.Case((string)row[0]).TryGetProperty("contrasts", out _)) data.Add((string)row[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(LmmCases))]
    public void GridMatchesEmmeans(string id)
    {
        var c = GoldenEmmeans.Case(id);
        var means = Means(c);
        var golden = c.GetProperty("grid").EnumerateArray().ToArray();
        Assert.Equal(c.GetProperty("df_method").GetString(), means.DegreesOfFreedomMethod);
        Assert.Equal(c.GetProperty("grid_estimate_name").GetString(), means.EstimateName);
        Assert.Equal(golden.Length, means.Rows.Count);
        Assert.Equal(c.GetProperty("grid_vars").EnumerateArray().Select(v => v.GetString()), means.PrimaryVariables.Concat(means.ByVariables));
        for (int i = 0; i < golden.Length; i++)
        {
            var g = golden[i];
            var r = means.Rows[i];
            foreach (var level in g.GetProperty("levels").EnumerateObject())
                Assert.Equal(level.Value.GetString(), r.Levels[level.Name]);
            CheckNumbers(g, $"{id} grid {i}", r.Estimate, r.StandardError, r.DegreesOfFreedom, r.Statistic, r.Lower, r.Upper, r.PValue);
        }
        Assert.Equal(c.GetProperty("grid_messages").EnumerateArray().Select(m => m.GetString()), means.Messages);
        Assert.Equal(c.GetProperty("emmeans_messages").EnumerateArray().Select(m => m.GetString()), means.Notes);
    }

    [Theory]
    [MemberData(nameof(ContrastCases))]
    public void ContrastsMatchEmmeans(string id)
    {
        var c = GoldenEmmeans.Case(id);
        var contrasts = Contrasts(c, Means(c));
        Assert.Equal(c.GetProperty("df_method").GetString(), contrasts.DegreesOfFreedomMethod);
        var golden = c.GetProperty("contrasts").EnumerateArray().ToArray();
        Assert.Equal(golden.Select(g => g.GetProperty("contrast").GetString()), contrasts.Rows.Select(r => r.Name));
        for (int i = 0; i < golden.Length; i++)
        {
            var g = golden[i];
            var r = contrasts.Rows[i];
            if (g.TryGetProperty("levels", out var by))
                foreach (var level in by.EnumerateObject()) Assert.Equal(level.Value.GetString(), r.ByLevels[level.Name]);
            CheckNumbers(g, $"{id} contrast {i}", r.Estimate, r.StandardError, r.DegreesOfFreedom, r.Statistic, r.Lower, r.Upper, r.PValue);
        }
        var coefficients = c.GetProperty("contrast_coefficients").EnumerateObject().Select(p => p.Value.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(coefficients.Length, contrasts.Coefficients.Count);
        for (int i = 0; i < coefficients.Length; i++) Assert.Equal(coefficients[i], contrasts.Coefficients[i]);
        Assert.Equal(c.GetProperty("contrast_messages").EnumerateArray().Select(m => m.GetString()), contrasts.Messages);
    }
}
