using MixedEffects.LinearAlgebra;
using MixedEffects.Models;
using MixedEffects.Tests.LinearAlgebra;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The ML deviance with one fixed effect held (<see cref="ProfiledDeviance.EvaluateWithFixedEffectHeld"/>, from the
/// factor of all fixed effects) against an independent computation of the same quantity: the deviance of the model
/// without that column, its contribution moved into the response (y - value x_j), on random nested, crossed, vector-valued
/// and weighted designs at two values of theta each. The two differ only by rounding (1e-10 relative).
/// </summary>
public class FixedEffectHeldDevianceTests
{
    [Theory]
    [InlineData("nested")]
    [InlineData("nested-weighted")]
    [InlineData("crossed-vector")]
    [InlineData("nested-and-crossed")]
    [InlineData("panel")]
    public void EqualsTheDevianceWithTheColumnMovedIntoTheResponse(string name)
    {
        var d = RandomDesign.Create(name);
        var held = new ProfiledDeviance(new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights), EstimationMethod.MaximumLikelihood);
        for (int j = 0; j < d.X.Length; j++)
        {
            var others = d.X.Where((_, i) => i != j).ToArray();
            foreach (double value in new[] { -1.3, 0.4 })
            {
                var y = d.Y.Select((v, r) => v - value * d.X[j][r]).ToArray();
                var moved = new ProfiledDeviance(new BlockedCrossProducts(d.Terms, others, y, d.Weights), EstimationMethod.MaximumLikelihood);
                foreach (var theta in d.Thetas)
                {
                    double expected = moved.Evaluate(theta);
                    double actual = held.EvaluateWithFixedEffectHeld(theta, j, value);
                    Assert.True(Math.Abs(actual - expected) <= 1e-10 * Math.Abs(expected),
                        $"{name} column {j} at {value}: expected {expected:R}, actual {actual:R}");
                }
            }
        }
    }

    [Fact]
    public void IsTheMinimumOverTheOtherFixedEffectsAtTheEstimate()
    {
        // held at its own conditional estimate, the fixed effect costs nothing: the ordinary ML deviance
        var d = RandomDesign.Create("crossed");
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        var deviance = new ProfiledDeviance(a, EstimationMethod.MaximumLikelihood);
        var theta = d.Thetas[0];
        double expected = deviance.Evaluate(theta);
        var solution = new LinearMixedModelSolution(deviance.Factor, EstimationMethod.MaximumLikelihood);
        for (int j = 0; j < d.X.Length; j++)
            Assert.Equal(expected, deviance.EvaluateWithFixedEffectHeld(theta, j, solution.Beta[j]), 1e-9 * Math.Abs(expected));
    }

    [Fact]
    public void IsRefusedForTheRemlCriterion()
    {
        var d = RandomDesign.Create("nested");
        var reml = new ProfiledDeviance(new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights), EstimationMethod.Reml);
        Assert.Throws<InvalidOperationException>(() => reml.EvaluateWithFixedEffectHeld(d.Thetas[0], 0, 1.0));
    }
}
