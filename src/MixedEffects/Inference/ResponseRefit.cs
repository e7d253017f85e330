using MixedEffects.LinearAlgebra;
using MixedEffects.Models;
using MixedEffects.Optimization;

namespace MixedEffects.Inference;

/// <summary>
/// Refits a linear mixed model to a new response with the same design (lme4's <c>refit(m, newresp)</c>): only the
/// cross products are rebuilt, then theta is optimized from the original estimate by the fit's criterion.
/// </summary>
internal static class ResponseRefit
{
    /// <summary>Theta, sigma and beta of the refit to the working response <paramref name="y"/> (offset already removed).</summary>
    public static (double[] Theta, double Sigma, double[] Beta) Fit(LinearMixedModelFit fit, double[] y)
    {
        var design = fit.Design;
        var cross = new BlockedCrossProducts(design.Terms, design.X.Matrix.Columns, y, design.Frame.Weights);
        var deviance = new ProfiledDeviance(cross, fit.Method);
        var lower = design.Terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
        var result = new Bobyqa().Minimize(th => deviance.Evaluate(th), fit.Theta, lower, upper, OptimizerSettings.Default);
        deviance.Evaluate(result.Minimizer);
        var solution = new LinearMixedModelSolution(deviance.Factor, fit.Method);
        return (result.Minimizer, solution.Sigma, solution.Beta);
    }
}
