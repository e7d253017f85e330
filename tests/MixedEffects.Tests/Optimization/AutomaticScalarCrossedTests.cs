using MixedEffects.Tests.Models;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The automatic optimizer's choice for scalar crossed terms: InstEval (students crossed with lecturers and
/// departments, a dense block of 1142 random effects) is fitted with L-BFGS-B on the gradient from the inverse's
/// traces, from the moment estimates (not lme4's start of 1), in fewer than a third of BOBYQA's 92 evaluations, and
/// reaches lme4's tight optimum (minqa BOBYQA, rhoend 1e-10; tests/reference/lmm.json); small crossed designs
/// (Penicillin, fhch2010's intercepts) keep BOBYQA and lme4's start.
/// </summary>
public class AutomaticScalarCrossedTests(ITestOutputHelper output)
{
    [Fact]
    public void InstEvalUsesTheGradientSearch()
    {
        var fit = LmmCases.Fit("insteval_ml");
        var s = fit.Optimization!;
        double tight = LmmCases.Reference("insteval_ml").GetProperty("tight").GetProperty("objective").GetDouble();
        output.WriteLine($"insteval_ml: {s.Optimizer} {fit.Criterion:R} in {s.Evaluations} ({s.GradientEvaluations} with gradient, {s.Restarts} restarts), lme4 tight {tight:R}");
        Assert.Equal("lbfgsb", s.Optimizer);
        Assert.True(s.GradientEvaluations > 0);
        Assert.True(s.Evaluations <= 30, $"{s.Evaluations} evaluations");
        Assert.All(s.InitialParameters, v => Assert.InRange(v, MixedEffects.Models.MomentStart.Smallest, 1 - 1e-3));
        Assert.True(fit.Criterion <= tight + 1e-12 * Math.Abs(tight), $"criterion {fit.Criterion:R} above lme4's tight optimum {tight:R}");
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
    }

    [Theory]
    [InlineData("penicillin_ml")]
    [InlineData("fhch2010_intercepts_reml")]
    public void SmallCrossedDesignsKeepBobyqa(string id)
    {
        var s = LmmCases.Fit(id).Optimization!;
        Assert.Equal("bobyqa", s.Optimizer);
        Assert.All(s.InitialParameters, v => Assert.Equal(1.0, v));
    }
}
