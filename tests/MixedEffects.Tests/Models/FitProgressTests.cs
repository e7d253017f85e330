using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The progress a fit reports: one report per criterion evaluation of the search and its checks, counted in order,
/// and the lowest criterion the optimum (lme4's REML criterion for sleepstudy, lmm.json
/// sleepstudy_slopes_reml; glmer's -2 log-likelihood for cbpp at the end of the second stage, glmm.json cbpp_binomial_laplace).
/// </summary>
public class FitProgressTests
{
    private sealed class Recorder : IProgress<FitProgress>
    {
        public List<FitProgress> Reports { get; } = [];

        public void Report(FitProgress value) => Reports.Add(value);
    }

    [Fact]
    public void LinearFitReportsEveryEvaluationAndTheLowestCriterion()
    {
        var recorder = new Recorder();
        var fit = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", Datasets.Load("sleepstudy"),
            new LinearMixedModelOptions { Progress = recorder });
        // the search's evaluations and those of its convergence checks (finite-difference derivatives)
        int total = fit.Evaluations + fit.Optimization!.CheckEvaluations;
        Assert.Equal(Enumerable.Range(1, total), recorder.Reports.Select(r => r.Evaluations));
        Assert.True(recorder.Reports.Zip(recorder.Reports.Skip(1)).All(pair => pair.Second.Criterion <= pair.First.Criterion));
        Tolerance.Close(GoldenLmmCriterion(), recorder.Reports[^1].Criterion, 1e-8, what: "lowest REML criterion");
    }

    [Fact]
    public void GeneralizedFitReportsBothStages()
    {
        var recorder = new Recorder();
        var fit = GeneralizedLinearMixedModel.Fit("cbind(incidence, size - incidence) ~ period + (1 | herd)", Datasets.Load("cbpp"),
            new GeneralizedLinearMixedModelOptions { Progress = recorder });
        Assert.True(recorder.Reports.Count > fit.Evaluations, "stage 1 and stage 2 are both reported");
        double deviance = GoldenFile.Case("glmm", "cbpp_binomial_laplace").GetProperty("minus2loglik").Number();
        Tolerance.Close(deviance, recorder.Reports[^1].Criterion, 1e-6, what: "lowest deviance");
    }

    private static double GoldenLmmCriterion() => GoldenFile.Case("lmm", "sleepstudy_slopes_reml").GetProperty("REMLcrit").Number();
}
