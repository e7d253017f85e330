using MixedEffects.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The optimizers on lme4's real objective (profiled deviance computed independently in SingleFactorDeviance).
/// Reference optima from R 4.x, lme4 1.1-31: REMLcrit / deviance of the fitted models, default lmerControl
/// (nloptwrap BOBYQA) and optimizer = "bobyqa" (minqa); evaluation counts from m@optinfo$feval.
/// </summary>
public class ProfiledDevianceOptimizationTests(ITestOutputHelper output)
{
    private const double Inf = double.PositiveInfinity;

    [Theory]
    // reml, lme4 nloptwrap optimum, lme4 nloptwrap evaluations, lme4 minqa bobyqa optimum, minqa evaluations
    [InlineData(true, 1743.62827195995, 43, 1743.62827195849, 98)]
    [InlineData(false, 1751.93934448899, 53, 1751.9393444632, 64)]
    public void SleepstudyCorrelatedSlope(bool reml, double nloptOptimum, int nloptEvaluations, double minqaOptimum, int minqaEvaluations)
    {
        var deviance = SingleFactorDeviance.Sleepstudy(reml);
        var r = new Bobyqa().Minimize(deviance.Evaluate, deviance.Start(), deviance.Lower(), [Inf, Inf, Inf], OptimizerSettings.Default);
        output.WriteLine($"ours {r.Minimum:R} in {r.Evaluations}; lme4 nloptwrap {nloptOptimum:R} in {nloptEvaluations}; minqa {minqaOptimum:R} in {minqaEvaluations}");
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
        Assert.True(Math.Abs(r.Minimum - minqaOptimum) <= 1e-9 * minqaOptimum, $"{r.Minimum:R} vs {minqaOptimum:R}");
        Assert.True(r.Minimum <= nloptOptimum + 1e-10 * nloptOptimum);
        Assert.True(r.Evaluations <= 2 * minqaEvaluations, $"{r.Evaluations} evaluations");
        Assert.Equal(deviance.Evaluations, r.Evaluations);
    }

    // Dyestuff: interior theta = 0.848323783218823, REML 319.654276842257 (lme4, 17 evaluations).
    // Dyestuff2: singular fit, theta = 0, REML 161.828277812288 (lme4, 10 evaluations).
    [Theory]
    [InlineData("dyestuff.csv", 0.848323783218823, 319.654276842257, 17)]
    [InlineData("dyestuff2.csv", 0.0, 161.828277812288, 10)]
    public void OneParameterModels(string file, double theta, double optimum, int lme4Evaluations)
    {
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
