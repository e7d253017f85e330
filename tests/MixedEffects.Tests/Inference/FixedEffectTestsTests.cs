using Xunit;
using MixedEffects.Inference;
using MixedEffects.Models;
using static MixedEffects.Tests.Inference.InferenceReference;

namespace MixedEffects.Tests.Inference;

/// <summary>Coefficient tables, asymptotic inference and the multi-row df rule.</summary>
public class FixedEffectTestsTests
{
    [Theory]
    [MemberData(nameof(InferenceReference.ModelIds), MemberType = typeof(InferenceReference))]
    public void AsymptoticIntervalsMatchLme4WaldIntervals(string id)
    {
        // lme4's confint(m, method = "Wald"): estimate -+ qnorm(0.975) x se (tests/reference/inference.json).
        var fit = Fit(id);
        var rows = FixedEffectTests.Compute(fit, DdfMethod.Asymptotic);
        var expected = Model(id).GetProperty("confint_wald").EnumerateArray()
            .Where(e => e.GetProperty("lower").ValueKind == System.Text.Json.JsonValueKind.Number).ToArray();
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("parm").GetString(), rows[i].Term);
            Assert.True(double.IsPositiveInfinity(rows[i].Df));
            double width = rows[i].Upper - rows[i].Lower;
            Assert.True(Math.Abs(rows[i].Lower - Number(expected[i].GetProperty("lower"))) <= 1e-6 * width, $"{id} {rows[i].Term} lower");
            Assert.True(Math.Abs(rows[i].Upper - Number(expected[i].GetProperty("upper"))) <= 1e-6 * width, $"{id} {rows[i].Term} upper");
        }
    }

    [Fact]
    public void SatterthwaiteIntervalsUseTQuantiles()
    {
        // Independent check: half-width / se equals the t quantile qt(0.975, 17), computed here with MathNet.Numerics
        // (an implementation independent of the library's own quantile), for the sleepstudy slope model (df = 17).
        var fit = Fit("sleepstudy_slopes");
        var row = FixedEffectTests.Compute(fit, Satterthwaite.For(fit))[1];
        Assert.Equal(17, row.Df, 3);
        Assert.Equal(MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 17, 0.975), (row.Upper - row.Estimate) / row.StdError, 4);
    }

    [Fact]
    public void CombinedDfFollowsLmerTestRule()
    {
        // Hand computation: E = 10/8 + 20/18 = 2.3611...; 2E/(E - 2) = 13.0769...
        double e = 10.0 / 8 + 20.0 / 18;
        Assert.Equal(2 * e / (e - 2), Satterthwaite.CombinedDf(new[] { 10.0, 20.0 }), 12);
        Assert.Equal(2, Satterthwaite.CombinedDf(new[] { 1.5, 20.0 }));
        Assert.Equal(7.5, Satterthwaite.CombinedDf(new[] { 7.5, 7.5, 7.5 }), 12);
        Assert.Equal(4.25, Satterthwaite.CombinedDf(new[] { 4.25 }));
    }

    [Fact]
    public void KenwardRogerRejectsMlFits()
    {
        var m = Model("sleepstudy_slopes");
        var fit = LinearMixedModel.Fit(m.GetProperty("formula").GetString()!, MixedEffects.Data.Datasets.Load("sleepstudy"),
            new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood });
        var ex = Assert.Throws<ModelSpecificationException>(() => KenwardRoger.For(fit));
        Assert.Contains("REML", ex.Message);
    }

    [Fact]
    public void ContrastWithWrongLengthIsRejected()
    {
        var fit = Fit("sleepstudy_slopes");
        var s = Satterthwaite.For(fit);
        Assert.Throws<ModelSpecificationException>(() => s.DegreesOfFreedom(new double[] { 1, 0, 0 }));
    }

    [Fact]
    public void OptimizerFitGivesLmerTestDfClosely()
    {
        // End to end with this library's own optimum (not lme4's theta): df within 1e-3 of lmerTest.
        var fit = OptimizedFit("cake");
        var rows = FixedEffectTests.Compute(fit, Satterthwaite.For(fit));
        var expected = Model("cake").GetProperty("satterthwaite").EnumerateArray().ToArray();
        for (int i = 0; i < rows.Count; i++) AssertRelative(Number(expected[i].GetProperty("df")), rows[i].Df, 1e-3, $"cake {rows[i].Term} df");
    }
}
