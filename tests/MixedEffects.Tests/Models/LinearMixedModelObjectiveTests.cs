using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The public pipeline: the objective at lme4's theta gives lme4's criterion (tests/reference/lmm.json), optimizing it
/// gives the same fit as <see cref="LinearMixedModel.Fit(string, Dataset, LinearMixedModelOptions?)"/>, and a fit keeps
/// its own factor when the objective is evaluated elsewhere afterwards.
/// </summary>
public class LinearMixedModelObjectiveTests
{
    [Theory]
    [InlineData("sleepstudy_slopes_reml")]
    [InlineData("penicillin_ml")]
    [InlineData("pastes_nested_reml")]
    [InlineData("cbpp_weighted_ml")]
    public void CriterionAtLme4ThetaIsLme4s(string id)
    {
        var (objective, r) = Objective(id);
        double expected = r.GetProperty("objective").GetDouble();
        double actual = objective.Evaluate(r.GetProperty("theta").Numbers());
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"lme4 {expected:R}, ours {actual:R}");
        Assert.Equal(1, objective.Evaluations);
    }

    [Theory]
    [InlineData("sleepstudy_slopes_reml")]
    [InlineData("pastes_nested_reml")]
    public void OptimizingTheObjectiveIsTheFit(string id)
    {
        var (objective, _) = Objective(id);
        var viaObjective = LinearMixedModel.Fit(objective);
        var direct = LmmCases.Fit(id);
        Assert.Equal(direct.Criterion, viaObjective.Criterion);
        Assert.Equal(direct.Theta, viaObjective.Theta);
        Assert.Equal(direct.Evaluations, viaObjective.Evaluations);
        Assert.Equal(objective.Parameters.Count, direct.Theta.Length);
    }

    [Fact]
    public void FitKeepsItsFactorWhenTheObjectiveMovesOn()
    {
        var (objective, r) = Objective("pastes_nested_reml");
        var theta = r.GetProperty("theta").Numbers();
        var fit = objective.FitAt(theta);
        objective.Evaluate(objective.Parameters.Start);
        var fresh = Objective("pastes_nested_reml").Objective.FitAt(theta);
        var a = fit.RandomEffects();
        var b = fresh.RandomEffects();
        for (int t = 0; t < a.Count; t++) Assert.Equal(b[t].ConditionalSd, a[t].ConditionalSd);
    }

    private static (LinearMixedModelObjective Objective, System.Text.Json.JsonElement Reference) Objective(string id)
    {
        var r = LmmCases.Reference(id);
        var fit = LmmCases.Fit(id);
        var objective = LinearMixedModelObjective.Create(r.GetProperty("formula").GetString()!,
            Datasets.Load(r.GetProperty("dataset").GetString()!), fit.Options);
        return (objective, r);
    }
}
