using MixedEffects.Models;
using MixedEffects.Optimization;

namespace MixedEffects.Inference;

/// <summary>
/// Refits a linear mixed model to a new response with the same design (lme4's <c>refit(m, newresp)</c>): the fit's
/// objective with the new response (same factor layout), optimized from the original estimate.
/// </summary>
internal static class ResponseRefit
{
    /// <summary>Theta, sigma and beta of the refit to the working response <paramref name="y"/> (offset already removed).</summary>
    public static (double[] Theta, double Sigma, double[] Beta) Fit(LinearMixedModelFit fit, double[] y)
    {
        var objective = fit.Objective.WithResponse(y);
        var map = objective.Parameters;
        var result = new Bobyqa().Minimize(p => objective.Evaluate(p), fit.Theta, map.LowerBounds, map.UpperBounds, OptimizerSettings.Default);
        objective.Evaluate(result.Minimizer);
        var solution = objective.Solution();
        var theta = new double[map.ThetaCount];
        map.ToTheta(result.Minimizer, theta);
        return (theta, solution.Sigma, solution.Beta);
    }
}
