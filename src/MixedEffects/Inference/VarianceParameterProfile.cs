using MixedEffects.Models;
using MixedEffects.Optimization;
using MixedEffects.Variance;

namespace MixedEffects.Inference;

/// <summary>
/// Likelihood-profile intervals for the parameters of a residual variance function: for each parameter p_k (log delta,
/// t or d) the values where the criterion (REML or ML deviance), minimized over theta and the other variance
/// parameters with p_k held fixed, exceeds its minimum by the chi-square(1) quantile of the level. The limits are found
/// by Brent's method between the estimate and a point beyond the limit (stepped out from the Wald limit); varIdent's
/// limits are reported as ratios. Rows are named as the Wald rows (<c>varIdent.STRATUM</c>, <c>varExp.expon</c>,
/// <c>varPower.power</c>).
/// </summary>
internal static class VarianceParameterProfile
{
    private const int MaxSteps = 30;
    private static readonly OptimizerSettings ProfileSettings = new() { FinalTrustRadius = 1e-8 };

    public static IEnumerable<ConfidenceInterval> Intervals(LinearMixedModelFit fit, double level)
    {
        var fitted = fit.VarianceFunction ?? throw new ArgumentException("the fit has no variance function", nameof(fit));
        var objective = LinearMixedModelObjective.For(fit.Design, fit.Options, fit.Formula);
        var map = objective.Parameters;
        int t = map.ThetaCount, k = fitted.ParameterCount;
        var optimum = fit.Theta.Concat(fitted.Scaled).ToArray();
        double minimum = objective.Evaluate(optimum);
        double z = ConfidenceIntervals.Quantile(level), cutoff = z * z;
        var covariance = Satterthwaite.For(fit).VarianceParameterCovariance;
        bool ident = fitted.Function is VarIdent;
        for (int j = 0; j < k; j++)
        {
            int index = t + j;
            double se = Math.Sqrt(Math.Max(covariance[index, index], 0));
            double step = se > 0 && double.IsFinite(se) ? 2 * se : 0.5;
            double Excess(double value) => map.MinimumHolding(index, value, p => objective.Evaluate(p), optimum, ProfileSettings) - minimum - cutoff;
            double lower = Limit(Excess, optimum[index], -step, cutoff), upper = Limit(Excess, optimum[index], step, cutoff);
            var unit = new double[k];
            unit[j] = 1;
            double perScaledUnit = fitted.Bound.Unscale(unit)[j];
            lower *= perScaledUnit;
            upper *= perScaledUnit;
            if (ident) { lower = Math.Exp(lower); upper = Math.Exp(upper); }
            yield return new ConfidenceInterval($"{fitted.Structure}.{fitted.ParameterNames[j]}", lower, upper, ConfidenceIntervalMethod.Profile);
        }
    }

    /// <summary>The limit on one side of the estimate: steps out until the excess is positive, then Brent's method.</summary>
    private static double Limit(Func<double, double> excess, double estimate, double step, double cutoff)
    {
        double inside = estimate, fInside = -cutoff;
        double outside = estimate + step, fOutside = excess(outside);
        for (int s = 0; s < MaxSteps && fOutside < 0; s++)
        {
            inside = outside;
            fInside = fOutside;
            step *= 2;
            outside = estimate + step;
            fOutside = excess(outside);
        }
        if (fOutside < 0) return step > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        return BracketedRoot.Find(excess, inside, outside, fInside, fOutside, 1e-7 * Math.Max(1, Math.Abs(step)));
    }
}
