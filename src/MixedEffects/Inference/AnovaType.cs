namespace MixedEffects.Inference;

/// <summary>Which hypotheses an ANOVA table tests for each term (lmerTest's <c>anova(m, type = ...)</c>).</summary>
public enum AnovaType
{
    /// <summary>Type I: sequential, each term adjusted for the terms before it.</summary>
    I = 1,

    /// <summary>Type II: each term adjusted for all terms that do not contain it.</summary>
    II = 2,

    /// <summary>Type III: lmerTest's coding-independent tests of each term in the presence of all others.</summary>
    III = 3,
}
