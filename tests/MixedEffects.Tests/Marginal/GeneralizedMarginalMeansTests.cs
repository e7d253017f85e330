using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Marginal;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// Response-scale marginal means of a binomial GLMM: the cbpp model's estimates and covariance from glmer
/// (tests/reference/glmm.json, case cbpp_binomial_laplace) fed to the marginal-means code through the model
/// abstraction, compared with emmeans (emmeans.json, cbpp cases) within 1e-4 relative (emmeans finds dunnettx quantiles with uniroot tolerance 5e-4).
/// </summary>
public class GeneralizedMarginalMeansTests
{
    private static EstimatedMarginalMeans Means(MarginalScale scale)
    {
        var glmm = GoldenEmmeans.GlmmCase("cbpp_binomial_laplace");
        var spec = ModelSpecification.FromFormula(glmm.GetProperty("formula").GetString()!);
        var frame = ModelFrame.Build(spec, Datasets.Load("cbpp"));
        var x = FixedEffectsMatrix.Build(frame, ContrastCoding.Treatment);
        var beta = glmm.GetProperty("beta").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var rows = glmm.GetProperty("vcov").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var v = new double[beta.Length, beta.Length];
        for (int i = 0; i < beta.Length; i++) for (int j = 0; j < beta.Length; j++) v[i, j] = rows[i][j];
        var model = new MarginalModelInfo(frame, ContrastCoding.Treatment, x, beta, new AsymptoticContrastInference(beta, v),
            MarginalLink.ForName("logit"), "binomial", reportsDegreesOfFreedomMethod: false);
        return MarginalMeansBuilder.Build(model, ["period"], [], MarginalWeighting.Equal, null, 0.95, scale);
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Abs(expected) + 1e-14, $"{what}: expected {expected:R}, got {actual:R}");

    [Fact]
    public void ResponseScaleProbabilitiesAndOddsRatiosMatchEmmeans()
    {
        var c = GoldenEmmeans.Case("cbpp_period_response_pairwise");
        var means = Means(MarginalScale.Response);
        Assert.Equal("prob", means.EstimateName);
        Check(c.GetProperty("grid"), means.Rows.Select(r => (r.Estimate, r.StandardError, r.Lower, r.Upper, r.Statistic, r.PValue, r.NullValue)).ToArray());
        Assert.Equal(c.GetProperty("grid_messages").EnumerateArray().Select(m => m.GetString()), means.Messages);
        var contrasts = means.Contrast("pairwise", AdjustmentMethod.Tukey);
        Assert.Equal("odds.ratio", contrasts.EstimateName);
        Assert.Equal(c.GetProperty("contrasts").EnumerateArray().Select(g => g.GetProperty("contrast").GetString()), contrasts.Rows.Select(r => r.Name));
        Check(c.GetProperty("contrasts"), contrasts.Rows.Select(r => (r.Estimate, r.StandardError, r.Lower, r.Upper, r.Statistic, r.PValue, r.NullValue)).ToArray());
        Assert.Equal(c.GetProperty("contrast_messages").EnumerateArray().Select(m => m.GetString()), contrasts.Messages);
    }

    [Fact]
    public void LinkScaleTreatmentVersusControlMatchesEmmeans()
    {
        var c = GoldenEmmeans.Case("cbpp_period_link_trt_vs_ctrl");
        var means = Means(MarginalScale.Link);
        Check(c.GetProperty("grid"), means.Rows.Select(r => (r.Estimate, r.StandardError, r.Lower, r.Upper, r.Statistic, r.PValue, r.NullValue)).ToArray());
        Assert.Equal(c.GetProperty("grid_messages").EnumerateArray().Select(m => m.GetString()), means.Messages);
        var contrasts = means.Contrast("trt.vs.ctrl");
        Assert.Equal(AdjustmentMethod.Dunnettx, contrasts.Adjustment);
        Assert.Equal(c.GetProperty("contrasts").EnumerateArray().Select(g => g.GetProperty("contrast").GetString()), contrasts.Rows.Select(r => r.Name));
        Check(c.GetProperty("contrasts"), contrasts.Rows.Select(r => (r.Estimate, r.StandardError, r.Lower, r.Upper, r.Statistic, r.PValue, r.NullValue)).ToArray());
        Assert.Equal(c.GetProperty("contrast_messages").EnumerateArray().Select(m => m.GetString()), contrasts.Messages);
    }

    private static void Check(JsonElement golden, (double Est, double Se, double Lo, double Hi, double T, double P, double? Null)[] rows)
    {
        var g = golden.EnumerateArray().ToArray();
        Assert.Equal(g.Length, rows.Length);
        for (int i = 0; i < g.Length; i++)
        {
            Close(GoldenEmmeans.Number(g[i], "estimate"), rows[i].Est, $"row {i} estimate");
            Close(GoldenEmmeans.Number(g[i], "se"), rows[i].Se, $"row {i} se");
            Close(GoldenEmmeans.Number(g[i], "lower"), rows[i].Lo, $"row {i} lower");
            Close(GoldenEmmeans.Number(g[i], "upper"), rows[i].Hi, $"row {i} upper");
            Close(GoldenEmmeans.Number(g[i], "statistic"), rows[i].T, $"row {i} statistic");
            Assert.True(Math.Abs(GoldenEmmeans.Number(g[i], "p") - rows[i].P) <= 1e-4 * GoldenEmmeans.Number(g[i], "p"), $"row {i} p");
            if (g[i].TryGetProperty("null", out var n)) Assert.Equal(n.GetDouble(), rows[i].Null);
            else Assert.Null(rows[i].Null);
        }
    }
}
