using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Likelihood profiles of every parameter of a linear mixed model (lme4's <c>profile(m)</c>, plotted by
/// <c>xyplot(profile(m))</c>): variance parameters on the standard-deviation / correlation scale, then fixed effects.
/// REML fits are refitted by ML first, as lme4 profiles the ML deviance.
/// </summary>
public static class LikelihoodProfiles
{
    /// <summary>
    /// Profiles each parameter out to where |zeta| reaches the normal quantile of <paramref name="level"/> (lme4's
    /// default reaches about 2.58, the 99% bound), with <paramref name="pointsPerSide"/> values on each side of the estimate.
    /// </summary>
    public static IReadOnlyList<ParameterProfile> Compute(LinearMixedModelFit fit, double level = 0.99, int pointsPerSide = 8)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (pointsPerSide < 1)
            throw new ArgumentOutOfRangeException(nameof(pointsPerSide), pointsPerSide, "at least one point per side is needed");
        return new LikelihoodProfile(fit).Traces(ConfidenceIntervals.Quantile(level), pointsPerSide);
    }
}
