using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>t tests and Wald confidence intervals for each fixed-effect coefficient with a chosen df method.</summary>
public static class FixedEffectTests
{
    /// <summary>
    /// One row per coefficient: estimate, standard error, df, t, two-sided p, and the interval
    /// estimate +- t(df, 1 - (1 - <paramref name="level"/>)/2) x standard error.
    /// </summary>
    public static IReadOnlyList<FixedEffectTest> Compute(LinearMixedModelEstimates fit, IContrastInference inference, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(inference);
        if (!(level > 0 && level < 1))
            throw new ModelSpecificationException($"confidence level {level} is not between 0 and 1");
        var beta = fit.Beta;
        var names = fit.FixedEffectNames;
        var cov = inference.Covariance;
        var rows = new FixedEffectTest[beta.Length];
        for (int j = 0; j < beta.Length; j++)
        {
            var c = new double[beta.Length];
            c[j] = 1;
            double se = Math.Sqrt(cov[j, j]);
            double df = inference.DegreesOfFreedom(c);
            double t = beta[j] / se;
            double quantile = TailProbabilities.TQuantile(1 - (1 - level) / 2, df);
            rows[j] = new FixedEffectTest(names[j], beta[j], se, df, t, TailProbabilities.TwoSidedT(t, df),
                beta[j] - quantile * se, beta[j] + quantile * se);
        }
        return rows;
    }

    /// <summary>The same table with the df method chosen by name.</summary>
    public static IReadOnlyList<FixedEffectTest> Compute(LinearMixedModelFit fit, DdfMethod method, double level = 0.95) =>
        Compute(fit, ContrastInference.For(fit, method), level);
}
