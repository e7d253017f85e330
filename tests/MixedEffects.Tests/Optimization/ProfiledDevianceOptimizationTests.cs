using MixedEffects.Optimization;
using MixedEffects.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The optimizers on lme4's real objective (profiled deviance computed independently in SingleFactorDeviance).
/// Reference optima from tests/reference/lmm.json (R 4.2.2, lme4 1.1-31): REMLcrit / deviance of the fitted models
/// with the default lmerControl (nloptwrap BOBYQA, field "objective") and with optimizer = "bobyqa" (minqa, field
/// "minqa"); evaluation counts from m@optinfo$feval.
/// </summary>
public class ProfiledDevianceOptimizationTests(ITestOutputHelper output)
{
    private const double Inf = double.PositiveInfinity;

    [Theory]
    [InlineData("sleepstudy_slopes_reml", true)]
    [InlineData("sleepstudy_slopes_ml", false)]
    public void SleepstudyCorrelatedSlope(string id, bool reml)
    {
        var c = GoldenFile.Case("lmm", id);
        double nloptOptimum = c.GetProperty("objective").GetDouble();
        int nloptEvaluations = c.GetProperty("evaluations").GetInt32();
        double minqaOptimum = c.GetProperty("minqa").GetProperty("objective").GetDouble();
        int minqaEvaluations = c.GetProperty("minqa").GetProperty("evaluations").GetInt32();
        var deviance = SingleFactorDeviance.Sleepstudy(reml);
        var r = new Bobyqa().Minimize(deviance.Evaluate, deviance.Start(), deviance.Lower(), [Inf, Inf, Inf], OptimizerSettings.Default);
        output.WriteLine($"ours {r.Minimum:R} in {r.Evaluations}; lme4 nloptwrap {nloptOptimum:R} in {nloptEvaluations}; minqa {minqaOptimum:R} in {minqaEvaluations}");
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
        Assert.True(Math.Abs(r.Minimum - minqaOptimum) <= 1e-9 * minqaOptimum, $"{r.Minimum:R} vs {minqaOptimum:R}");
        Assert.True(r.Minimum <= nloptOptimum + 1e-10 * nloptOptimum);
        Assert.True(r.Evaluations <= 2 * minqaEvaluations, $"{r.Evaluations} evaluations");
        Assert.Equal(deviance.Evaluations, r.Evaluations);
    }

    // Dyestuff: interior theta; Dyestuff2: singular fit, theta = 0 (lmm.json cases dyestuff_reml, dyestuff2_reml).
    [Theory]
    [InlineData("dyestuff.csv", "dyestuff_reml")]
    [InlineData("dyestuff2.csv", "dyestuff2_reml")]
    public void OneParameterModels(string file, string id)
    {
        var c = GoldenFile.Case("lmm", id);
        double theta = c.GetProperty("theta")[0].GetDouble();
        double optimum = c.GetProperty("objective").GetDouble();
        int lme4Evaluations = c.GetProperty("evaluations").GetInt32();
        foreach (IBoundedOptimizer optimizer in new IBoundedOptimizer[] { new Bobyqa(), new NelderMead() })
        {
            var deviance = SingleFactorDeviance.Dyestuff(file, reml: true);
            var r = optimizer.Minimize(deviance.Evaluate, deviance.Start(), deviance.Lower(), [Inf], OptimizerSettings.Default);
            output.WriteLine($"{optimizer.GetType().Name}: theta {r.Minimizer[0]:R}, {r.Minimum:R} in {r.Evaluations} (lme4 {lme4Evaluations})");
            Assert.Equal(theta, r.Minimizer[0], 5);
            Assert.True(Math.Abs(r.Minimum - optimum) <= 1e-10 * optimum, $"{r.Minimum:R} vs {optimum:R}");
            if (theta == 0) Assert.Equal(0.0, r.Minimizer[0]);
            if (optimizer is Bobyqa) Assert.True(r.Evaluations <= 2 * lme4Evaluations, $"{r.Evaluations} evaluations");
        }
    }
}
