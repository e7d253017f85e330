using System.Text.Json;
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
    /// Asymptotic tests: the cake entry of tests/reference/emmeans.json <c>joint_tests</c> with df_method
    /// <c>asymptotic</c> (<c>joint_tests(m, lmer.df = "asymptotic")</c>). emmeans prints F rounded to 3 decimals, so F
    /// is compared with <c>F_unrounded</c> (the same statistic recomputed in R from the term's contrasts); p is unrounded.
    /// </summary>
    [Fact]
    public void CakeAsymptoticJointTestsMatchEmmeans()
    {
        var golden = GoldenEmmeans.JointTests("cake", "asymptotic");
        var fit = LinearMixedModel.Fit(golden.GetProperty("model").GetProperty("formula").GetString()!, Datasets.Load("cake"));
        var rows = Emmeans.JointTests(fit, ContrastInference.For(fit, DdfMethod.Asymptotic));
        var expected = golden.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("term").GetString()), rows.Select(r => r.Term));
        Assert.Equal(expected.Select(e => e.GetProperty("df1").GetInt32()), rows.Select(r => r.NumeratorDf));
        Assert.All(expected, e => Assert.True(double.IsPositiveInfinity(GoldenEmmeans.Number(e, "df2"))));
        Assert.All(rows, r => Assert.True(double.IsPositiveInfinity(r.DenominatorDf)));
        for (int i = 0; i < expected.Length; i++)
        {
            double f = GoldenEmmeans.Number(expected[i], "F_unrounded"), p = GoldenEmmeans.Number(expected[i], "p");
            Assert.Equal(f, rows[i].F, 5e-4 * Math.Max(1, f));
            Assert.True(Math.Abs(rows[i].PValue - p) <= 1e-3 * p, $"{rows[i].Term}: p {rows[i].PValue:R} vs {p:R}");
        }
    }
}
