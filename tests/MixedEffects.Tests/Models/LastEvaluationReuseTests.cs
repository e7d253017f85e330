using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The fit at the point the criterion was last evaluated at reuses that evaluation's factor instead of factoring again,
/// and gives the same fit as a fresh objective (and lme4's criterion, tests/reference/lmm.json); any other point, or an
/// evaluation with the gradient in between, is evaluated again.
/// </summary>
public class LastEvaluationReuseTests
{
    [Theory]
    [InlineData("sleepstudy_slopes_reml")]
    [InlineData("penicillin_ml")]
    public void FitAtTheLastPointReusesItsFactor(string id)
    {
        var r = LmmCases.Reference(id);
        var theta = r.GetProperty("theta").Numbers();
        var objective = Objective(r, id);
        objective.Evaluate(theta.Select(v => v * 1.1).ToArray());
        objective.Evaluate(theta);
        var reused = objective.FitAt(theta);
        Assert.Equal(2, objective.Evaluations);
        var fresh = Objective(r, id).FitAt(theta);
        Assert.Equal(fresh.Criterion, reused.Criterion);
        Assert.Equal(fresh.Beta, reused.Beta);
        Assert.Equal(fresh.Sigma, reused.Sigma);
        double expected = r.GetProperty("objective").GetDouble();
        Assert.True(Math.Abs(reused.Criterion - expected) <= 1e-9 * Math.Abs(expected), $"lme4 {expected:R}, ours {reused.Criterion:R}");
    }

    [Fact]
    public void OtherPointsAndGradientsAreEvaluatedAgain()
    {
        var r = LmmCases.Reference("sleepstudy_slopes_reml");
        var theta = r.GetProperty("theta").Numbers();
        var objective = Objective(r, "sleepstudy_slopes_reml");
        objective.Evaluate(theta.Select(v => v * 1.1).ToArray());
        var other = objective.FitAt(theta);
        Assert.Equal(2, objective.Evaluations);
        objective.Evaluate(theta, new double[theta.Length]);
        var afterGradient = objective.FitAt(theta);
        Assert.Equal(4, objective.Evaluations);
        Assert.Equal(other.Criterion, afterGradient.Criterion);
        // the first fit took the factor: evaluating its point again factors anew
        objective.FitAt(theta);
        Assert.Equal(5, objective.Evaluations);
    }

    [Fact]
    public void AnEvaluationWithAFixedEffectHeldIsNotTakenForTheLast()
    {
        var r = LmmCases.Reference("penicillin_ml");
        var theta = r.GetProperty("theta").Numbers();
        var deviance = new ProfiledDeviance(Objective(r, "penicillin_ml").Design.CrossProducts, EstimationMethod.MaximumLikelihood);
        double atTheta = deviance.Evaluate(theta);
        double held = deviance.EvaluateWithFixedEffectHeld(theta.Select(v => v * 1.1).ToArray(), 0, 20);
        Assert.NotEqual(atTheta, held);
        Assert.Equal(atTheta, deviance.EvaluateUnlessLast(theta));
        Assert.Equal(3, deviance.Evaluations);
    }

    private static LinearMixedModelObjective Objective(System.Text.Json.JsonElement r, string id) =>
        LinearMixedModelObjective.Create(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!),
            LmmCases.Fit(id).Options);
}
