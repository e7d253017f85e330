using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using MixedEffects.Variance;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// The repeated-measures question (5 subjects x 5 sessions, a different spread per session) answered under
/// varIdent(~ 1 | session): Tukey-adjusted pairwise session contrasts (emmeans on nlme::lme, asymptotic), the
/// likelihood-ratio test against one residual variance (nlme::anova of the two ML fits) and nlme's Wald intervals of the
/// ratios (<c>intervals(m, which = "var-cov")</c>); numbers from variance.json's "seed" section and cases.
/// </summary>
public class RepeatedMeasuresWorkflowTests
{
    private const string Formula = "t ~ session + (1 | subject)";

    private static JsonElement Seed => GoldenFile.Load("variance").GetProperty("seed");

    private static LinearMixedModelFit Fit() => VarianceCases.Fit("sessions_reml");

    [Fact]
    public void TukeyPairwiseSessionsMatchEmmeans()
    {
        var fit = Fit();
        var means = Emmeans.Compute(fit, "session", inference: ContrastInference.For(fit, DdfMethod.Asymptotic));
        var expectedMeans = Seed.GetProperty("emmeans").EnumerateArray().ToArray();
        Assert.Equal(expectedMeans.Length, means.Rows.Count);
        for (int i = 0; i < expectedMeans.Length; i++)
        {
            Tolerance.Close(expectedMeans[i].GetProperty("emmean").GetDouble(), means.Rows[i].Estimate, 1e-4, 0.1, "emmean");
            Tolerance.Close(expectedMeans[i].GetProperty("se").GetDouble(), means.Rows[i].StandardError, 1e-4, what: "emmean SE");
        }
        var pairs = means.Contrast("pairwise", AdjustmentMethod.Tukey);
        var expected = Seed.GetProperty("pairs").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("contrast").GetString()), pairs.Rows.Select(r => r.Name));
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var row = pairs.Rows[i];
            Tolerance.Close(e.GetProperty("estimate").GetDouble(), row.Estimate, 1e-4, 0.1, $"{row.Name} estimate");
            Tolerance.Close(e.GetProperty("se").GetDouble(), row.StandardError, 1e-4, what: $"{row.Name} SE");
            Tolerance.Close(e.GetProperty("z").GetDouble(), row.Statistic, 1e-4, 0.1, $"{row.Name} z");
            Tolerance.Close(e.GetProperty("p").GetDouble(), row.PValue, 1e-3, 1e-3, $"{row.Name} Tukey p");
        }
    }

    [Fact]
    public void LikelihoodRatioTestAgainstOneResidualVarianceMatchesNlme()
    {
        var result = ModelComparison.Compare(Fit(), Formula);
        var lrt = Seed.GetProperty("lrt");
        Assert.True(result.Refitted);
        Tolerance.Close(lrt.GetProperty("logLik0").GetDouble(), result.Rows[0].LogLik, 1e-6, what: "logLik0");
        Tolerance.Close(lrt.GetProperty("logLik1").GetDouble(), result.Rows[1].LogLik, 1e-6, what: "logLik1");
        Assert.Equal(lrt.GetProperty("df").GetInt32(), result.Df);
        Tolerance.Close(lrt.GetProperty("chisq").GetDouble(), result.ChiSquare, 1e-5, what: "chisq");
        Tolerance.Close(lrt.GetProperty("p").GetDouble(), result.P, 1e-4, what: "p");
    }

    [Theory]
    [InlineData("sessions_reml")]
    [InlineData("orthodont_sex_ml")]
    [InlineData("bodyweight_exp_reml")]
    [InlineData("bodyweight_power_ml")]
    public void WaldIntervalsOfTheVarianceParametersMatchNlme(string id)
    {
        var fit = VarianceCases.Fit(id);
        var rows = ConfidenceIntervals.Wald(fit).Where(r => r.Parameter.StartsWith(fit.VarianceFunction!.Structure + ".", StringComparison.Ordinal)).ToArray();
        var expected = VarianceCases.Reference(id).GetProperty("varstruct_intervals").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, rows.Length);
        for (int j = 0; j < rows.Length; j++)
        {
            // nlme's covariance of the variance parameters comes from a finite-difference Hessian (fdHess)
            double width = expected[j].GetProperty("upper").GetDouble() - expected[j].GetProperty("lower").GetDouble();
            Tolerance.Close(expected[j].GetProperty("lower").GetDouble(), rows[j].Lower, 5e-3, width, $"{rows[j].Parameter} lower");
            Tolerance.Close(expected[j].GetProperty("upper").GetDouble(), rows[j].Upper, 5e-3, width, $"{rows[j].Parameter} upper");
        }
    }

    [Fact]
    public void AnovaAndPredictionsFollowTheStructure()
    {
        var fit = Fit();
        var anova = Anova.Compute(fit, AnovaType.III);
        var satterthwaite = Satterthwaite.For(fit);
        // the F statistic does not depend on the basis of the hypothesis (the df of Fai and Cornelius's method do)
        var (f, numDf, _) = satterthwaite.FTest(new double[,] { { 0, 1, 0, 0, 0 }, { 0, 0, 1, 0, 0 }, { 0, 0, 0, 1, 0 }, { 0, 0, 0, 0, 1 } });
        Tolerance.Close(f, anova.Rows[0].F, 1e-10, what: "F of session");
        Assert.Equal(numDf, anova.Rows[0].NumDf);
        var predicted = fit.Predict(Datasets.Load("sessions"));
        Tolerance.AllClose(fit.Fitted(), predicted, 1e-12, what: "predictions at the data");
    }

    [Fact]
    public void DefaultInferenceIsSatterthwaiteAndProfileIsRefused()
    {
        var fit = Fit();
        Assert.IsType<Satterthwaite>(MarginalModelInfo.DefaultInference(fit));
        Assert.Throws<ModelSpecificationException>(() => ConfidenceIntervals.Profile(fit));
    }

    [Fact]
    public void StructureIsReportedAsNlmeDoes()
    {
        var fit = LinearMixedModel.Fit(Formula, Datasets.Load("sessions"),
            new LinearMixedModelOptions { Variance = VarianceFunction.Parse("varIdent(~ 1 | session)") });
        var text = new MixedEffects.Reporting.LinearMixedModelSummary(fit, "sessions").ToString();
        Assert.Contains("Variance function:\n Structure: Different standard deviations per stratum\n Formula: ~1 | session\n Parameter estimates:\n", text, StringComparison.Ordinal);
        Assert.Equal(5 + 1 + 1 + 4, fit.ParameterCount); // nlme: logLik df = 11
    }
}
