using MixedEffects.Models;
using MixedEffects.Variance;

namespace MixedEffects.Inference;

/// <summary>
/// Wald intervals for the parameters of a residual variance function, as nlme's <c>intervals(m, which = "var-cov")</c>
/// gives them: on the unconstrained scale (log delta, t, d) from the asymptotic covariance 2 H^-1 of the variance
/// parameters (H the Hessian of the deviance in theta, the function's parameters and sigma), varIdent's limits then
/// transformed to ratios. Rows are named <c>varIdent.STRATUM</c>, <c>varExp.expon</c>, <c>varPower.power</c>.
/// </summary>
internal static class VarianceFunctionIntervals
{
    public static IEnumerable<ConfidenceInterval> Wald(LinearMixedModelFit fit, double z)
    {
        var fitted = fit.VarianceFunction!;
        var covariance = Satterthwaite.For(fit).VarianceParameterCovariance;
        int offset = fit.Theta.Length;
        var estimates = fitted.UnconstrainedParameters;
        bool ident = fitted.Function is VarIdent;
        for (int j = 0; j < fitted.ParameterCount; j++)
        {
            var unit = new double[fitted.ParameterCount];
            unit[j] = 1;
            double perScaledUnit = fitted.Bound.Unscale(unit)[j];
            double se = Math.Sqrt(covariance[offset + j, offset + j]) * perScaledUnit;
            double lower = estimates[j] - z * se, upper = estimates[j] + z * se;
            if (ident) { lower = Math.Exp(lower); upper = Math.Exp(upper); }
            yield return new ConfidenceInterval($"{fitted.Structure}.{fitted.ParameterNames[j]}", lower, upper, ConfidenceIntervalMethod.Wald);
        }
    }

    /// <summary>Rejects interval methods that would hold the variance function's parameters fixed.</summary>
    public static void RequireWald(LinearMixedModelFit fit, string method)
    {
        if (fit.VarianceFunction is { } v)
            throw new ModelSpecificationException(
                $"{method} intervals are not available with the residual variance function {v.Function}; use Wald intervals");
    }
}
