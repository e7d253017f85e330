using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Refits a linear mixed model to a new response with the same design (lme4's <c>refit(m, newresp)</c>): the fit's
/// objective with the new response (same factor layout), optimized from the original estimate by the fit's optimizer
/// with its options (<see cref="LinearMixedModel.Optimize(LinearMixedModelObjective, double[])"/>).
/// </summary>
internal static class ResponseRefit
{
    /// <summary>Theta, sigma and beta of the refit to the working response <paramref name="y"/> (offset already removed).</summary>
    public static (double[] Theta, double Sigma, double[] Beta) Fit(LinearMixedModelFit fit, double[] y)
    {
        var objective = fit.Objective.WithResponse(y);
        var summary = LinearMixedModel.Optimize(objective, fit.Theta);
        var final = summary.FinalParameters.ToArray();
        objective.Evaluate(final);
        var solution = objective.Solution();
        var theta = new double[objective.Parameters.ThetaCount];
        objective.Parameters.ToTheta(final, theta);
        return (theta, solution.Sigma, solution.Beta);
    }
}
