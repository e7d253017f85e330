using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// Fits a linear mixed model with a residual variance function: the chosen optimizer (with its checks and restarts) over
/// theta and the variance parameters on
/// the profiled criterion of <see cref="HeteroscedasticDeviance"/>, the gradient check, then the fit assembled from the
/// design reweighted by prior_i / g_i^2 at the estimates (fixed effects, conditional modes and variances, fitted values
/// and every inference that follows are those of the structure).
/// </summary>
internal static class HeteroscedasticModel
{
    public static LinearMixedModelFit Fit(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula)
    {
        var prior = design.PriorWeighted;
        var function = options.Variance!.Bind(prior.Frame);
        var objective = new HeteroscedasticDeviance(prior, function, options.Method);
        int k = function.ParameterCount;
        var lower = prior.Terms.SelectMany(t => t.ThetaLowerBounds()).Concat(Enumerable.Repeat(double.NegativeInfinity, k)).ToArray();
        var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
        var start = prior.Terms.SelectMany(t => t.ThetaStart()).Concat(HeteroscedasticStart.Scaled(prior, function)).ToArray();
        var settings = options.Optimizer ?? new OptimizerSettings();
        var convergence = new ConvergenceSettings
        {
            GradientTolerance = options.GradientTolerance,
            CheckDerivatives = options.CheckGradient ?? prior.Frame.RowCount < 10000,
            MaxRestarts = options.MaxRestarts,
        };
        var summary = OptimizerFactory.Create(options.Algorithm)
            .Minimize(p => objective.Evaluate(p), start, lower, upper, settings, convergence);
        var parameters = summary.FinalParameters.ToArray();
        return AtEstimates(prior, options, formula, objective, parameters, summary.Evaluations, summary.Converged,
            summary.Warnings.ToList(), summary);
    }

    /// <summary>The fit at given parameters (theta, then the scaled variance parameters) without optimizing.</summary>
    internal static LinearMixedModelFit AtEstimates(LinearMixedModelDesign prior, LinearMixedModelOptions options, string formula,
        HeteroscedasticDeviance objective, double[] parameters, int evaluations, bool converged, List<string> warnings,
        OptimizerSummary? summary = null)
    {
        int t = objective.ThetaCount;
        var scaled = parameters[t..];
        var reweighted = prior.Reweighted(objective.Weights(scaled, prior.Frame.Weights));
        return new LinearMixedModelObjective(reweighted, options, formula).Assemble(parameters[..t], evaluations, converged, warnings,
            summary, new VarianceEstimate(objective.Function, scaled));
    }
}
