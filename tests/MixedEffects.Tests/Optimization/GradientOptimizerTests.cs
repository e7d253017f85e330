using MixedEffects.Optimization;
using MixedEffects.Tests.Models;
using MixedEffects.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// L-BFGS-B with the analytic gradient, followed by the gradient-based checks, reaches lme4's tight optimum (minqa
/// BOBYQA, rhoend 1e-10; R 4.2.2, lme4 1.1-31) on the golden LMM cases (lmm.json) and on the cases where a
/// derivative-free search stalls (optimizer.json), and reports convergence.
/// </summary>
public class GradientOptimizerTests(ITestOutputHelper output)
{
    private static bool AtOrBelow(double ours, double tight) => ours <= tight + 1e-9 * Math.Max(1, Math.Abs(tight));

    /// <summary>The golden cases (InstEval is left out for the tests' time).</summary>
    public static IEnumerable<object[]> LmmIds => GoldenFile.CaseIds("lmm").Where(c => (string)c[0] != "insteval_ml");

    /// <summary>
    /// The stalling cases, among them four whose quasi-Newton search from lme4's start ends in a corner where two
    /// variances are on their bound (the uncentred Orange growth model, REML and ML, and two simulated
    /// <c>log(k) ~ f:z + (x | g)</c> sets): the reflection probe and the probe of variables on a flat bound lead on.
    /// </summary>
    public static IEnumerable<object[]> OptimizerIds => OptimizerCases.Ids;

    [Theory]
    [MemberData(nameof(LmmIds))]
    public void GoldenCasesAtOrBelowTheTightOptimum(string id)
    {
        var fit = LmmCases.Fit(id, o => o with { Algorithm = OptimizerChoice.LBfgsB });
        double tight = LmmCases.Reference(id).GetProperty("tight").GetProperty("objective").GetDouble();
        var s = fit.Optimization!;
        output.WriteLine($"{id}: lbfgsb {fit.Criterion:R} in {s.Evaluations} ({s.GradientEvaluations} with gradient, {s.CheckEvaluations} check, {s.Restarts} restarts), lme4 tight {tight:R}");
        Assert.True(AtOrBelow(fit.Criterion, tight), $"criterion {fit.Criterion:R} above lme4's tight optimum {tight:R}");
        if (fit.Optimization!.Optimizer == "lbfgsb") Assert.True(s.GradientEvaluations > 0);
    }

    [Theory]
    [MemberData(nameof(OptimizerIds))]
    public void StallingCasesReachTheTightOptimum(string id)
    {
        var fit = OptimizerCases.Fit(id, o => o with { Algorithm = OptimizerChoice.LBfgsB });
        double tight = OptimizerCases.TightOptimum(id);
        var s = fit.Optimization!;
        output.WriteLine($"{id}: lbfgsb {fit.Criterion:R} in {s.Evaluations} ({s.GradientEvaluations} with gradient, {s.CheckEvaluations} check, {s.Restarts} restarts), lme4 tight {tight:R}");
        Assert.True(AtOrBelow(fit.Criterion, tight), $"criterion {fit.Criterion:R} above lme4's tight optimum {tight:R}");
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
    }
}
