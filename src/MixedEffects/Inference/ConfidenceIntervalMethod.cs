namespace MixedEffects.Inference;

/// <summary>How confidence intervals are computed (lme4's <c>confint(m, method = ...)</c>).</summary>
public enum ConfidenceIntervalMethod
{
    /// <summary>Estimate plus or minus a normal quantile times the standard error; fixed effects only.</summary>
    Wald,

    /// <summary>Likelihood profile of the ML deviance (lme4's default).</summary>
    Profile,

    /// <summary>Percentile intervals from a parametric bootstrap.</summary>
    Bootstrap,
}
