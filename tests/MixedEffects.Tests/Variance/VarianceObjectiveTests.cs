using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// The objective of a model with a residual variance function: its parameter vector is theta followed by the
/// function's parameters, and the user's start values for theta are used. The reference optimum is nlme's
/// (variance.json), which the fit must reach from any reasonable start.
/// </summary>
public class VarianceObjectiveTests
{
    [Theory]
    [InlineData("sessions_reml")]
    [InlineData("bodyweight_power_reml")]
    public void TheParameterVectorIsThetaThenTheVarianceParameters(string id)
    {
        var r = VarianceCases.Reference(id);
        var objective = LinearMixedModelObjective.Create(r.GetProperty("formula").GetString()!,
            Datasets.Load(r.GetProperty("dataset").GetString()!), VarianceCases.Options(r));
        var map = objective.Parameters;
        var fit = VarianceCases.Fit(id);
        Assert.Equal(fit.Theta.Length, map.ThetaCount);
        Assert.Equal(fit.VarianceFunction!.ParameterCount, map.VarianceParameterCount);
        Assert.All(map.LowerBounds.Skip(map.ThetaCount), b => Assert.Equal(double.NegativeInfinity, b));
        Assert.False(objective.HasGradient);
        var optimum = fit.Theta.Concat(fit.Optimization!.FinalParameters.Skip(map.ThetaCount)).ToArray();
        Tolerance.Close(fit.Criterion, objective.Evaluate(optimum), 1e-12, what: "criterion at the fit's parameters");
        Tolerance.Close(-2 * r.GetProperty("logLik").GetDouble(), objective.FitAt(optimum).Criterion, 1e-8, what: "criterion against nlme");
    }

    [Fact]
    public void TheUsersStartValuesForThetaAreUsed()
    {
        var r = VarianceCases.Reference("sessions_reml");
        var options = VarianceCases.Options(r) with { StartTheta = [0.3] };
        var fit = LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!), options);
        Assert.Equal(0.3, fit.Optimization!.InitialParameters[0]);
        Tolerance.Close(r.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, what: "logLik against nlme");
        var wrong = options with { StartTheta = [0.3, 1.0] };
        var e = Assert.Throws<ModelSpecificationException>(() =>
            LinearMixedModel.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!), wrong));
        Assert.Contains("1 covariance parameters (theta) but 2 start values", e.Message);
    }
}
