using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// emmeans' joint_tests. The default df method is checked against the <c>joint_tests</c> entries of
/// tests/reference/emmeans.json (cake with Kenward-Roger, fhch2010 with Satterthwaite), with each model evaluated at
/// lme4's theta (tests/reference/inference.json). emmeans rounds df2 to 2 decimals and F to 3 decimals in that table
/// (p is from the unrounded values), hence the tolerances 5e-3 and 5e-4.
/// </summary>
public class JointTestsTests
{
    [Theory]
    [InlineData("cake")]
    [InlineData("fhch2010")]
    public void DefaultJointTestsMatchEmmeans(string dataset)
    {
        var golden = GoldenEmmeans.JointTests(dataset);
        var fit = EmmeansTests.Fit(golden);
        var rows = Emmeans.JointTests(fit, EmmeansTests.Inference(fit, golden.GetProperty("df_method").GetString()!));
        var expected = golden.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("term").GetString()), rows.Select(r => r.Term));
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var r = rows[i];
            Assert.Equal(e.GetProperty("df1").GetInt32(), r.NumeratorDf);
            Assert.True(Math.Abs(GoldenEmmeans.Number(e, "df2") - r.DenominatorDf) <= 5e-3, $"{r.Term}: df2 {r.DenominatorDf:R}");
            Assert.True(Math.Abs(GoldenEmmeans.Number(e, "F") - r.F) <= 5e-4, $"{r.Term}: F {r.F:R}");
            double p = GoldenEmmeans.Number(e, "p");
            Assert.True(Math.Abs(p - r.PValue) <= 1e-4 * p, $"{r.Term}: p {r.PValue:R} vs {p:R}");
        }
    }

    /// <summary>
    /// Asymptotic tests (R 4.2.2, lme4 1.1-31, emmeans 1.8.4-1,
    /// <c>joint_tests(lmer(angle ~ recipe * temperature + (1 | recipe:replicate), cake), lmer.df = "asymptotic")</c>;
    /// F printed rounded to 3 decimals, p unrounded).
    /// </summary>
    [Fact]
    public void CakeAsymptoticJointTestsMatchEmmeans()
    {
        var fit = LinearMixedModel.Fit("angle ~ recipe * temperature + (1 | recipe:replicate)", Datasets.Load("cake"));
        var rows = Emmeans.JointTests(fit, ContrastInference.For(fit, DdfMethod.Asymptotic));
        Assert.Equal(["recipe", "temperature", "recipe:temperature"], rows.Select(r => r.Term));
        Assert.Equal([2, 5, 10], rows.Select(r => r.NumeratorDf));
        Assert.All(rows, r => Assert.True(double.IsPositiveInfinity(r.DenominatorDf)));
        double[] f = [0.249, 20.52, 1.006];
        double[] p = [0.779744648755532, 1.49628994924809e-20, 0.435072519653666];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(f[i], rows[i].F, 5e-4 * Math.Max(1, f[i]));
            Assert.True(Math.Abs(rows[i].PValue - p[i]) <= 1e-3 * p[i], $"{rows[i].Term}: p {rows[i].PValue:R} vs {p[i]:R}");
        }
    }
}
