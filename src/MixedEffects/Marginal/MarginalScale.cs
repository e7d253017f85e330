namespace MixedEffects.Marginal;

/// <summary>The scale of reported estimates (emmeans' <c>type</c>).</summary>
public enum MarginalScale
{
    /// <summary>The linear-predictor scale ("link", the default).</summary>
    Link,

    /// <summary>
    /// Back-transformed to the response scale ("response"): means are inverse-link values with delta-method
    /// standard errors and back-transformed intervals; contrasts of log and logit links become ratios and odds
    /// ratios. Tests stay on the link scale. The same as <see cref="Link"/> for linear mixed models.
    /// </summary>
    Response,
}
