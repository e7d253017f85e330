namespace MixedEffects.Models;

/// <summary>The criterion a linear mixed model is fitted by.</summary>
public enum EstimationMethod
{
    /// <summary>Restricted (residual) maximum likelihood, lmer's default.</summary>
    Reml,

    /// <summary>Maximum likelihood.</summary>
    MaximumLikelihood,
}
