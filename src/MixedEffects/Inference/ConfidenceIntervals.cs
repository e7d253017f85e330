using MixedEffects.Distributions;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Confidence intervals for the parameters of a linear mixed model as lme4's <c>confint(m, oldNames = FALSE)</c>:
/// rows for the variance parameters (<c>sd_...</c>, <c>cor_...</c>, <c>sigma</c>) first, then the fixed effects.
/// </summary>
public static class ConfidenceIntervals
{
    /// <summary>Intervals by the given method at the given level (0.95 by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the level is not strictly between 0 and 1.</exception>
    public static IReadOnlyList<ConfidenceInterval> Compute(LinearMixedModelFit fit, ConfidenceIntervalMethod method, double level = 0.95) =>
        method switch
        {
            ConfidenceIntervalMethod.Wald => Wald(fit, level),
            ConfidenceIntervalMethod.Profile => Profile(fit, level),
            ConfidenceIntervalMethod.Bootstrap => Bootstrap(fit, new BootstrapOptions { Level = level }),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown interval method"),
        };

    /// <summary>
    /// Wald intervals (lme4's <c>method = "Wald"</c>): estimate plus or minus the normal quantile times the standard
    /// error for each fixed effect; NaN bounds for the variance parameters; with a residual variance function, rows for
    /// its parameters (see <see cref="VarianceFunctionIntervals"/>).
    /// </summary>
    public static IReadOnlyList<ConfidenceInterval> Wald(LinearMixedModelEstimates fit, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        double z = Quantile(level);
        var names = new VarianceParameters(fit.Terms).Names;
        var rows = names.Select(n => new ConfidenceInterval(n, double.NaN, double.NaN, ConfidenceIntervalMethod.Wald)).ToList();
        if (fit is LinearMixedModelFit { VarianceFunction: not null } stratified) rows.AddRange(VarianceFunctionIntervals.Wald(stratified, z));
        rows.AddRange(fit.FixedEffects.Select(f => new ConfidenceInterval(f.Term, f.Estimate - z * f.StandardError,
            f.Estimate + z * f.StandardError, ConfidenceIntervalMethod.Wald)));
        return rows;
    }

    /// <summary>
    /// Profile-likelihood intervals (lme4's default <c>method = "profile"</c>): the model is refitted by ML and, for each
    /// parameter held at a value, the ML deviance is minimized over the others; the bounds are where the signed square
    /// root of the deviance increase equals the normal quantile. A standard deviation whose profile stays within the
    /// level down to zero gets lower bound 0; a bound the profile does not reach is NaN.
    /// </summary>
    public static IReadOnlyList<ConfidenceInterval> Profile(LinearMixedModelFit fit, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        VarianceFunctionIntervals.RequireWald(fit, "profile");
        return new LikelihoodProfile(fit).Intervals(Quantile(level));
    }

    /// <summary>
    /// Profile-likelihood intervals for the parameters of the fit's residual variance function (varIdent's ratios,
    /// varExp's t, varPower's d): the criterion of the fit (REML or ML), minimized over theta and the other variance
    /// parameters with one parameter held fixed, rises by the chi-square(1) quantile of <paramref name="level"/> at the
    /// bounds. Rows are named as the Wald rows (<c>varIdent.STRATUM</c>, <c>varExp.expon</c>, <c>varPower.power</c>).
    /// </summary>
    /// <exception cref="ModelSpecificationException">The fit has no residual variance function.</exception>
    public static IReadOnlyList<ConfidenceInterval> VarianceFunctionProfile(LinearMixedModelFit fit, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.VarianceFunction is null)
            throw new ModelSpecificationException("the fit has no residual variance function to profile");
        return VarianceParameterProfile.Intervals(fit, level).ToList();
    }

    /// <summary>
    /// Percentile intervals from a parametric bootstrap (lme4's <c>method = "boot"</c>): responses are simulated from the
    /// fitted model, the model is refitted by the fit's criterion, and the bounds are quantiles of the replicates.
    /// </summary>
    public static IReadOnlyList<ConfidenceInterval> Bootstrap(LinearMixedModelFit fit, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        VarianceFunctionIntervals.RequireWald(fit, "bootstrap");
        options ??= new BootstrapOptions();
        double level = options.Level;
        Quantile(level);
        var boot = ParametricBootstrap.Run(fit, options);
        return boot.Names.Select((name, k) =>
        {
            var sorted = boot.Replicates.Select(r => r[k]).Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
            return new ConfidenceInterval(name, SampleQuantile(sorted, (1 - level) / 2), SampleQuantile(sorted, (1 + level) / 2),
                ConfidenceIntervalMethod.Bootstrap);
        }).ToArray();
    }

    internal static double Quantile(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "the confidence level must be strictly between 0 and 1");
        return ProbabilityFunctions.NormalQuantile((1 + level) / 2);
    }

    /// <summary>R's default sample quantile (type 7) of sorted values; NaN for none.</summary>
    internal static double SampleQuantile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
