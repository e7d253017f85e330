namespace MixedEffects.Models;

/// <summary>The response distributions of the generalized mixed models.</summary>
public enum GlmDistribution
{
    /// <summary>Binomial: proportions of successes with the number of trials as prior weights.</summary>
    Binomial,
    /// <summary>Poisson counts.</summary>
    Poisson,
}
