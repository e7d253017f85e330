using System.Text.Json;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Reporting;
using MixedEffects.Tests.Inference;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Reporting;

/// <summary>JSON and text reports of comparisons, ranova, intervals and least squares (numbers from inference.json).</summary>
public class InferenceReportsTests
{
    [Fact]
    public void CompareJsonHasTheTestAndBothLogLikelihoods()
    {
        // lme4 anova(m0, m1) on REML fits of sleepstudy (1 | Subject) vs (Days | Subject), refitted by ML
        var c = InferenceGolden.Root.GetProperty("lrt")[0];
        var m0 = InferenceGolden.Fit("Reaction ~ Days + (1 | Subject)", "sleepstudy", EstimationMethod.Reml);
        var m1 = InferenceGolden.Fit("Reaction ~ Days + (Days | Subject)", "sleepstudy", EstimationMethod.Reml);
        var json = JsonSerializer.SerializeToElement(ModelComparisonReport.Build(ModelComparison.Compare(m0, m1)));
        var rows = c.GetProperty("rows");
        Tolerance.Close(rows[1].GetProperty("Chisq").GetDouble(), json.GetProperty("chisq").GetDouble(), 1e-6, what: "chisq");
        Assert.Equal(2, json.GetProperty("df").GetInt32());
        Tolerance.Close(rows[1].GetProperty("p").GetDouble(), json.GetProperty("p").GetDouble(), 1e-4, what: "p");
        Tolerance.Close(rows[0].GetProperty("logLik").GetDouble(), json.GetProperty("logLik0").GetDouble(), 1e-6, what: "logLik0");
        Tolerance.Close(rows[1].GetProperty("logLik").GetDouble(), json.GetProperty("logLik1").GetDouble(), 1e-6, what: "logLik1");
        Assert.True(json.GetProperty("refitted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("rows")[0].GetProperty("Chisq").ValueKind);
    }

    [Fact]
    public void IntervalJsonWritesMissingBoundsAsNull()
    {
        var rows = ConfidenceIntervalReport.Build(ConfidenceIntervals.Wald(InferenceGolden.Fit("sleepstudy_slopes")));
        var json = JsonSerializer.SerializeToElement(rows);
        Assert.Equal("sd_(Intercept)|Subject", json[0].GetProperty("parameter").GetString());
        Assert.Equal(JsonValueKind.Null, json[0].GetProperty("lower").ValueKind);
        Assert.Equal("wald", json[4].GetProperty("method").GetString());
        // lme4 confint(m, method = "Wald") for (Intercept): inference.json sleepstudy_slopes confint_wald
        double expected = InferenceGolden.Model("sleepstudy_slopes").GetProperty("confint_wald")[4].GetProperty("lower").GetDouble();
        Tolerance.Close(expected, json[4].GetProperty("lower").GetDouble(), 1e-6, what: "(Intercept) lower");
    }

    [Fact]
    public void TextTablesNameTheirRowsAndColumns()
    {
        var fit = InferenceGolden.Fit("sleepstudy_slopes");
        var ranova = InferenceTextReport.RandomEffectsTests(RandomEffectsTests.Compute(fit));
        Assert.Contains("Days in (Days | Subject)", ranova);
        Assert.Contains("Pr(>Chisq)", ranova);
        var ci = InferenceTextReport.Intervals(ConfidenceIntervals.Wald(fit));
        Assert.Contains("2.5 %", ci);
        Assert.Contains("97.5 %", ci);
        var ols = InferenceTextReport.LeastSquares(OrdinaryLeastSquares.Fit("Reaction ~ Days", MixedEffects.Data.Datasets.Load("sleepstudy")));
        // R: Residual standard error: 47.71 on 178 degrees of freedom (sigma 47.7147197437785 in inference.json)
        Assert.Contains("Residual standard error: 47.71 on 178 degrees of freedom", ols);
        var anova = InferenceTextReport.Comparison(ModelComparison.Compare(fit, "Reaction ~ Days + (1 | Subject)"));
        Assert.StartsWith(ModelComparison.RefitMessage, anova);
        Assert.Contains("m0: Reaction ~ Days + (1 | Subject)", anova);
    }
}
