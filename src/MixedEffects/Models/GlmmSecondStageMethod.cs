namespace MixedEffects.Models;

/// <summary>The optimizer of the second stage of a generalized model fit (theta and beta jointly).</summary>
public enum GlmmSecondStageMethod
{
    /// <summary>BOBYQA (quadratic models; far fewer evaluations than Nelder-Mead, same optimum).</summary>
    Bobyqa,
    /// <summary>Nelder-Mead, lme4's glmer default.</summary>
    NelderMead,
}
