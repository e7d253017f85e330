using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Optimization;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The moment start with a small trust region for expensive random-intercept models under BOBYQA, on a simulated
/// crossed design (300 x 200 levels, 20,000 rows, sigma_u 0.6, sigma_i 0.5, sigma 1) that is too small for the rule
/// itself, fitted both ways by hand: from the moments with the rule's trust radius the fit reaches the optimum the fit
/// from lme4's start reaches (criterion no higher, theta equal to the optimizer's tolerance) in fewer evaluations.
/// </summary>
public class ExpensiveInterceptsStartTests
{
    private const string Crossed = "y ~ 1 + x + (1 | u) + (1 | i)";

    [Fact]
    public void SmallTrustRegionFromTheMomentsReachesTheSameOptimum()
    {
        var options = new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood };
        var reference = LinearMixedModel.Fit(LinearMixedModelObjective.Create(Crossed, CrossedData(), options)).Optimization!;
        var objective = LinearMixedModelObjective.Create(Crossed, CrossedData(), options);
        var automatic = LinearMixedModel.Start(objective);   // below the cost threshold: lme4's start, the usual radius
        Assert.Null(automatic.Settings);
        Assert.Equal(objective.Parameters.Start, automatic.Start);
        var start = MomentStart.Compute(objective.Design);
        Assert.NotNull(start);
        var theta = reference.FinalParameters;
        for (int g = 0; g < 2; g++) Assert.InRange(start[g] / theta[g], 0.95, 1.05);

        var settings = new OptimizerSettings { InitialTrustRadius = LinearMixedModel.ExpensiveStartRelativeRadius * start.Max() };
        var summary = LinearMixedModel.Fit(objective, start, settings).Optimization!;
        Assert.True(summary.FinalValue <= reference.FinalValue + 1e-9 * Math.Abs(reference.FinalValue),
            $"{summary.FinalValue:R} against {reference.FinalValue:R}");
        for (int g = 0; g < 2; g++) Assert.Equal(theta[g], summary.FinalParameters[g], 4);
        Assert.True(summary.Evaluations < reference.Evaluations,
            $"{summary.Evaluations} evaluations from the moments against {reference.Evaluations}");
    }

    [Fact]
    public void FullQuadraticModelFromTheMomentsReachesTheOptimumInFewerEvaluations()
    {
        // the expensive rule's settings (full quadratic model, stop on its predicted decrease) against the moment start
        // with the rule's radius alone and lme4's start: criterion no higher than either beyond 1e-12 relative
        var options = new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood };
        var reference = LinearMixedModel.Fit(LinearMixedModelObjective.Create(Crossed, CrossedData(), options)).Optimization!;
        var objective = LinearMixedModelObjective.Create(Crossed, CrossedData(), options);
        var start = MomentStart.Compute(objective.Design)!;
        var radiusOnly = LinearMixedModel.Fit(objective, start,
            new OptimizerSettings { InitialTrustRadius = LinearMixedModel.ExpensiveStartRelativeRadius * start.Max() }).Optimization!;
        var settings = LinearMixedModel.ExpensiveSettings(start);
        Assert.Equal(6, settings.InterpolationPoints);
        var fit = LinearMixedModel.Fit(objective, start, settings);
        var summary = fit.Optimization!;
        foreach (var other in new[] { reference, radiusOnly })
            Assert.True(summary.FinalValue <= other.FinalValue + 1e-12 * Math.Abs(other.FinalValue),
                $"{summary.FinalValue:R} against {other.FinalValue:R}");
        for (int g = 0; g < 2; g++) Assert.Equal(reference.FinalParameters[g], summary.FinalParameters[g], 4);
        Assert.True(summary.Evaluations < radiusOnly.Evaluations,
            $"{summary.Evaluations} evaluations with the full model against {radiusOnly.Evaluations}");
        Assert.Equal(summary.FinalValue, fit.Criterion);
    }

    private static Dataset CrossedData()
    {
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var bu = Enumerable.Range(0, 300).Select(_ => 0.6 * Normal()).ToArray();
        var bi = Enumerable.Range(0, 200).Select(_ => 0.5 * Normal()).ToArray();
        int n = 20000;
        var y = new double[n];
        var x = new double[n];
        var u = new string[n];
        var i = new string[n];
        for (int r = 0; r < n; r++)
        {
            int a = random.Next(300), b = random.Next(200);
            x[r] = random.NextDouble();
            y[r] = 3 + 0.5 * x[r] + bu[a] + bi[b] + Normal();
            u[r] = $"u{a:D3}";
            i[r] = $"i{b:D3}";
        }
        return new Dataset([new NumericColumn("y", y), new NumericColumn("x", x), new TextColumn("u", u), new TextColumn("i", i)]);
    }
}
