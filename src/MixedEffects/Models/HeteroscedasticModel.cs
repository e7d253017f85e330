using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// Fits a linear mixed model with a residual variance function: the options' optimizer (with its checks and restarts)
/// over the parameter map's vector (theta, then the variance parameters) on the profiled criterion of <see cref="HeteroscedasticDeviance"/>, the gradient check, then the fit assembled from the
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
        var map = new CovarianceParameterMap(prior.Terms, HeteroscedasticStart.Scaled(prior, function));
        var summary = LinearMixedModel.Minimize(p => objective.Evaluate(p), null, map, map.StartFrom(options.StartTheta), options,
            prior.Frame.RowCount, 0, out _, out _);
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
