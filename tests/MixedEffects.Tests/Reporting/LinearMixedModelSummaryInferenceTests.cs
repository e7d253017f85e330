using Xunit;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Tests.Reporting;

/// <summary>
/// lmerTest's summary and ANOVA text. Expected lines are copied from R 4.2.2 / lmerTest 3.1-3 output of
/// <c>print(summary(m)); print(anova(m))</c> for the cake model (data read as in tests/reference/r/common.R).
/// </summary>
public sealed class LinearMixedModelSummaryInferenceTests
{
    private static LinearMixedModelFit Cake() =>
        LinearMixedModel.Fit("angle ~ recipe * temperature + (1 | recipe:replicate)", Datasets.Load("cake"), new LinearMixedModelOptions());

    [Fact]
    public void CoefficientTableMatchesLmerTest()
    {
        var fit = Cake();
        var lines = new LinearMixedModelSummary(fit, "cake", null, FixedEffectTests.Compute(fit, DdfMethod.Satterthwaite),
            "Satterthwaite").Lines();
        string[] expected =
        [
            "Fixed effects:",
            "                       Estimate Std. Error       df t value Pr(>|t|)    ",
            "(Intercept)             29.1333     2.0381  77.4368  14.294  < 2e-16 ***",
            "recipeB                 -2.2667     2.8823  77.4368  -0.786  0.43403    ",
            "recipeC                 -1.2000     2.8823  77.4368  -0.416  0.67832    ",
            "temperature185           2.4000     1.6521 210.0000   1.453  0.14780    ",
            "temperature195           1.6667     1.6521 210.0000   1.009  0.31423    ",
            "temperature205           4.4000     1.6521 210.0000   2.663  0.00834 ** ",
            "temperature215           9.5333     1.6521 210.0000   5.770 2.81e-08 ***",
            "temperature225           5.9333     1.6521 210.0000   3.591  0.00041 ***",
            "recipeB:temperature185   0.1333     2.3364 210.0000   0.057  0.95455    ",
            "recipeC:temperature185  -1.4000     2.3364 210.0000  -0.599  0.54968    ",
            "recipeB:temperature195   3.2000     2.3364 210.0000   1.370  0.17227    ",
            "recipeC:temperature195   2.1333     2.3364 210.0000   0.913  0.36225    ",
            "recipeB:temperature205   0.8667     2.3364 210.0000   0.371  0.71106    ",
            "recipeC:temperature205  -1.4667     2.3364 210.0000  -0.628  0.53086    ",
            "recipeB:temperature215  -1.9333     2.3364 210.0000  -0.827  0.40891    ",
            "recipeC:temperature215  -3.0667     2.3364 210.0000  -1.313  0.19077    ",
            "recipeB:temperature225   2.4667     2.3364 210.0000   1.056  0.29230    ",
            "recipeC:temperature225   1.8667     2.3364 210.0000   0.799  0.42523    ",
            "---",
            "Signif. codes:  0 \u2018***\u2019 0.001 \u2018**\u2019 0.01 \u2018*\u2019 0.05 \u2018.\u2019 0.1 \u2018 \u2019 1",
        ];
        int start = lines.ToList().IndexOf("Fixed effects:");
        Assert.Equal(expected, lines.Skip(start).Take(expected.Length).ToArray());
        Assert.Equal("Linear mixed model fit by REML. t-tests use Satterthwaite's method [", lines[0]);
        Assert.Equal("lmerModLmerTest]", lines[1]);
    }

    [Fact]
    public void AnovaTableMatchesLmerTest()
    {
        var fit = Cake();
        string[] expected =
        [
            "Type III Analysis of Variance Table with Satterthwaite's method",
            "                    Sum Sq Mean Sq NumDF DenDF F value Pr(>F)    ",
            "recipe               10.19    5.09     2    42  0.2488 0.7809    ",
            "temperature        2100.30  420.06     5   210 20.5199 <2e-16 ***",
            "recipe:temperature  205.98   20.60    10   210  1.0062 0.4393    ",
            "---",
            "Signif. codes:  0 \u2018***\u2019 0.001 \u2018**\u2019 0.01 \u2018*\u2019 0.05 \u2018.\u2019 0.1 \u2018 \u2019 1",
        ];
        Assert.Equal(expected, AnovaTextReport.Lines(Anova.Compute(fit)).ToArray());
    }

    [Fact]
    public void KenwardRogerTitle()
    {
        // R: summary(lmer(Reaction ~ Days + (Days | Subject), sleepstudy), ddf = "Kenward-Roger")
        var fit = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", Datasets.Load("sleepstudy"), new LinearMixedModelOptions());
        var lines = new LinearMixedModelSummary(fit, "sleepstudy", null, FixedEffectTests.Compute(fit, DdfMethod.KenwardRoger),
            "Kenward-Roger").Lines();
        Assert.Equal("Linear mixed model fit by REML. t-tests use Kenward-Roger's method [", lines[0]);
        Assert.Equal("lmerModLmerTest]", lines[1]);
        Assert.Contains("            Estimate Std. Error      df t value Pr(>|t|)    ", lines);
        Assert.Contains("(Intercept)  251.405      6.825  17.000  36.838  < 2e-16 ***", lines);
        Assert.Contains("Days          10.467      1.546  17.000   6.771 3.26e-06 ***", lines);
    }

    [Fact]
    public void MaximumLikelihoodTitleWrapsAsR()
    {
        // R: summary(lmer(Reaction ~ Days + (Days | Subject), sleepstudy, REML = FALSE)) with lmerTest loaded
        var fit = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", Datasets.Load("sleepstudy"),
            new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood });
        var lines = new LinearMixedModelSummary(fit, "sleepstudy", null, FixedEffectTests.Compute(fit, DdfMethod.Satterthwaite),
            "Satterthwaite").Lines();
        Assert.Equal("Linear mixed model fit by maximum likelihood . t-tests use Satterthwaite's", lines[0]);
        Assert.Equal("  method [lmerModLmerTest]", lines[1]);
        Assert.Equal("Formula: Reaction ~ Days + (Days | Subject)", lines[2]);
        // numbers not compared: lme4's ML stopping point differs from ours in the printed digits (df 18.001 vs 18.000)
        Assert.Contains("            Estimate Std. Error      df t value Pr(>|t|)    ", lines);
    }

    [Fact]
    public void PValuesFormatAsFormatPval()
    {
        // R: format.pval(c(0.43403, 2.81e-08, 0.00041, 1e-17), digits = 3); format.pval(c(0.7809, 1e-17), digits = 4)
        Assert.Equal(["0.43403", "2.81e-08", "0.00041", "< 2e-16"], RCoefficientMatrix.FormatPValues([0.43403, 2.81e-08, 0.00041, 1e-17], 3));
        Assert.Equal(["0.7809", "<2e-16"], RCoefficientMatrix.FormatPValues([0.7809, 1e-17], 4));
    }
}
