using MixedEffects.Optimization;
using MixedEffects.Tests.Models;
using MixedEffects.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// L-BFGS-B with the analytic gradient (followed by the usual checks) reaches lme4's tight optimum (minqa BOBYQA,
/// rhoend 1e-10; R 4.2.2, lme4 1.1-31) on the golden LMM cases (lmm.json).
/// </summary>
public class GradientOptimizerTests(ITestOutputHelper output)
{
    private static bool AtOrBelow(double ours, double tight) => ours <= tight + 1e-9 * Math.Max(1, Math.Abs(tight));

    /// <summary>The golden cases small enough for the dense gradient to be quick (fhch2010 and InstEval are left out).</summary>
    public static IEnumerable<object[]> LmmIds => GoldenFile.CaseIds("lmm")
        .Where(c => !((string)c[0]).StartsWith("fhch2010", StringComparison.Ordinal) && (string)c[0] != "insteval_ml");

    [Theory]
    [MemberData(nameof(LmmIds))]
    public void GoldenCasesAtOrBelowTheTightOptimum(string id)
    {
        var fit = LmmCases.Fit(id, o => o with { Algorithm = OptimizerChoice.LBfgsB });
        double tight = LmmCases.Reference(id).GetProperty("tight").GetProperty("objective").GetDouble();
        output.WriteLine($"{id}: lbfgsb {fit.Criterion:R} in {fit.Evaluations} ({fit.Optimization!.Restarts} restarts), bobyqa {LmmCases.Fit(id).Evaluations}, lme4 tight {tight:R}");
        Assert.Contains(fit.Optimization!.Optimizer, new[] { "lbfgsb", "bobyqa" });
        Assert.True(AtOrBelow(fit.Criterion, tight), $"criterion {fit.Criterion:R} above lme4's tight optimum {tight:R}");
    }
}
