using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Marginal;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// Marginal means of a binomial GLMM (cbpp, <c>cbind(incidence, size - incidence) ~ period + (1 | herd)</c>), compared
/// with emmeans (emmeans.json, cbpp cases) within 1e-4 relative (emmeans finds dunnettx quantiles with uniroot
/// tolerance 5e-4; our glmer fit matches lme4's estimates to about 1e-6 and standard errors to about 1e-5). Two sources:
/// "golden" feeds glmer's estimates and covariance (tests/reference/glmm.json, case cbpp_binomial_laplace) to the
/// marginal-means code directly; "fit" fits the model with <see cref="GeneralizedLinearMixedModel.Fit"/> and calls the
/// public <see cref="Emmeans.Compute(GeneralizedLinearMixedModelFit, string, IReadOnlyList{string}?, MarginalWeighting, IReadOnlyDictionary{string, double[]}?, double, MarginalScale)"/>.
/// </summary>
public class GeneralizedMarginalMeansTests
{
    private static readonly Lazy<GeneralizedLinearMixedModelFit> CbppFit = new(() =>
        GeneralizedLinearMixedModel.Fit("cbind(incidence, size - incidence) ~ period + (1 | herd)", Datasets.Load("cbpp"),
            new GeneralizedLinearMixedModelOptions { Family = "binomial" }));

    private static EstimatedMarginalMeans Means(string source, MarginalScale scale) =>
        source == "fit" ? Emmeans.Compute(CbppFit.Value, "~ period", scale: scale) : GoldenMeans(scale);

    private static EstimatedMarginalMeans GoldenMeans(MarginalScale scale)
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

    [Theory]
    [InlineData("golden")]
    [InlineData("fit")]
    public void ResponseScaleProbabilitiesAndOddsRatiosMatchEmmeans(string source)
    {
        var c = GoldenEmmeans.Case("cbpp_period_response_pairwise");
        var means = Means(source, MarginalScale.Response);
        Assert.Equal("prob", means.EstimateName);
        CheckMeans(c, means);
        var contrasts = means.Contrast("pairwise", AdjustmentMethod.Tukey);
        Assert.Equal("odds.ratio", contrasts.EstimateName);
        CheckContrasts(c, contrasts);
    }

    [Theory]
    [InlineData("golden")]
    [InlineData("fit")]
    public void LinkScaleTreatmentVersusControlMatchesEmmeans(string source)
    {
        var c = GoldenEmmeans.Case("cbpp_period_link_trt_vs_ctrl");
        var means = Means(source, MarginalScale.Link);
        CheckMeans(c, means);
        var contrasts = means.Contrast("trt.vs.ctrl");
        Assert.Equal(AdjustmentMethod.Dunnettx, contrasts.Adjustment);
        CheckContrasts(c, contrasts);
    }

    [Fact]
    public void JointTestOfPeriodMatchesR()
    {
        // emmeans.json joint_tests, cbpp entry: joint_tests(m) on the same glmer fit, df1 = 3, df2 = Inf. emmeans prints F
        // rounded to 3 decimals; F_unrounded is the same Wald statistic recomputed in R from the period contrasts
        // (t(b) solve(V, b) / 3 for the three period coefficients of this one-factor model). p within 1e-3 relative: a
        // 1e-5 relative difference in the covariance moves chi-square (25.5) by ~2.5e-4 and its upper-tail p by ~1.3e-4 relative.
        var golden = GoldenEmmeans.JointTests("cbpp");
        Assert.Equal("asymptotic", golden.GetProperty("df_method").GetString());
        var expected = Assert.Single(golden.GetProperty("rows").EnumerateArray().ToArray());
        var test = Assert.Single(Emmeans.JointTests(CbppFit.Value));
        Assert.Equal(expected.GetProperty("term").GetString(), test.Term);
        Assert.Equal(expected.GetProperty("df1").GetInt32(), test.NumeratorDf);
        Assert.True(double.IsPositiveInfinity(GoldenEmmeans.Number(expected, "df2")));
        Assert.True(double.IsPositiveInfinity(test.DenominatorDf));
        Close(GoldenEmmeans.Number(expected, "F_unrounded"), test.F, "F");
        double p = GoldenEmmeans.Number(expected, "p");
        Assert.True(Math.Abs(test.PValue - p) <= 1e-3 * p, $"p: expected {p:R}, got {test.PValue:R}");
    }

    [Fact]
    public void CovariateSlopeAndResponseMeansAtACovariateValueMatchR()
    {
        // emmeans.json cases cbpp_size_trend (emtrends(m, ~ 1, var = "size")) and cbpp_size_period_response_at10
        // (emmeans(m, ~ period, at = list(size = 10), type = "response")) for
        // m = glmer(cbind(incidence, size - incidence) ~ period + size + (1 | herd), cbpp, binomial).
        var trendCase = GoldenEmmeans.Case("cbpp_size_trend");
        var meansCase = GoldenEmmeans.Case("cbpp_size_period_response_at10");
        var fit = GeneralizedLinearMixedModel.Fit(trendCase.GetProperty("model").GetProperty("formula").GetString()!, Datasets.Load("cbpp"),
            new GeneralizedLinearMixedModelOptions { Family = "binomial" });
        var trends = Emmeans.Trends(fit, "~ 1", "size");
        Assert.Equal(trendCase.GetProperty("grid_estimate_name").GetString(), trends.EstimateName);
        var trend = Assert.Single(trends.Rows);
        var expected = Assert.Single(trendCase.GetProperty("grid").EnumerateArray().ToArray());
        // The slope (the size coefficient) is small, 0.0045: our glmer fit agrees with lme4's estimates to about 1e-6
        // absolute, 1.3e-4 of this value, so it and its interval are compared within 1e-4 of the standard error (0.026).
        double expectedSe = GoldenEmmeans.Number(expected, "se");
        Close(expectedSe, trend.StandardError, "size.trend se");
        double tolerance = 1e-4 * expectedSe;
        foreach (var (name, actual) in new[] { ("estimate", trend.Estimate), ("lower", trend.Lower), ("upper", trend.Upper) })
        {
            double e = GoldenEmmeans.Number(expected, name);
            Assert.True(Math.Abs(actual - e) <= tolerance, $"size.trend {name}: expected {e:R}, got {actual:R}");
        }
        Assert.True(double.IsPositiveInfinity(GoldenEmmeans.Number(expected, "df")));
        Assert.True(double.IsPositiveInfinity(trend.DegreesOfFreedom));

        Assert.Equal(10, Assert.Single(meansCase.GetProperty("at").GetProperty("size").EnumerateArray().ToArray()).GetDouble());
        var means = Emmeans.Compute(fit, "period", at: new Dictionary<string, double[]> { ["size"] = [10] }, scale: MarginalScale.Response);
        Assert.Equal(meansCase.GetProperty("grid_estimate_name").GetString(), means.EstimateName);
        var grid = meansCase.GetProperty("grid").EnumerateArray().ToArray();
        Assert.Equal(grid.Length, means.Rows.Count);
        for (int i = 0; i < grid.Length; i++)
        {
            Close(GoldenEmmeans.Number(grid[i], "estimate"), means.Rows[i].Estimate, $"prob {i}");
            Close(GoldenEmmeans.Number(grid[i], "se"), means.Rows[i].StandardError, $"se {i}");
            Close(GoldenEmmeans.Number(grid[i], "lower"), means.Rows[i].Lower, $"lower {i}");
            Close(GoldenEmmeans.Number(grid[i], "upper"), means.Rows[i].Upper, $"upper {i}");
        }
    }

    [Fact]
    public void ModelWithOffsetIsRejected()
    {
        var fit = GeneralizedLinearMixedModel.Fit("incidence ~ period + offset(log(size)) + (1 | herd)", Datasets.Load("cbpp"),
            new GeneralizedLinearMixedModelOptions { Family = "poisson" });
        var e = Assert.Throws<ModelSpecificationException>(() => Emmeans.Compute(fit, "period"));
        Assert.Contains("offset", e.Message);
    }

    private static void CheckMeans(JsonElement c, EstimatedMarginalMeans means)
    {
        Check(c.GetProperty("grid"), means.Rows.Select(r => (r.Estimate, r.StandardError, r.Lower, r.Upper, r.Statistic, r.PValue, r.NullValue)).ToArray());
        Assert.Equal(c.GetProperty("grid_messages").EnumerateArray().Select(m => m.GetString()), means.Messages);
    }

    private static void CheckContrasts(JsonElement c, MarginalContrasts contrasts)
    {
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
