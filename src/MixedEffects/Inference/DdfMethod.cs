namespace MixedEffects.Inference;

/// <summary>How the denominator degrees of freedom of t and F tests are computed (lmerTest's <c>ddf</c>).</summary>
public enum DdfMethod
{
    /// <summary>Satterthwaite's approximation (lmerTest's default).</summary>
    Satterthwaite,

    /// <summary>Kenward and Roger's approximation with the adjusted covariance (pbkrtest); REML fits only.</summary>
    KenwardRoger,

    /// <summary>No small-sample correction: z and chi-square/q tests (lme4 without lmerTest).</summary>
    Asymptotic,
}
