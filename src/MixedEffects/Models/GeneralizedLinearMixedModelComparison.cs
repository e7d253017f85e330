namespace MixedEffects.Models;

/// <summary>
/// A likelihood-ratio test of two nested generalized linear mixed models (lme4's <c>anova(m0, m1)</c>).
/// </summary>
/// <param name="Smaller">The model with fewer parameters.</param>
/// <param name="Larger">The model with more parameters.</param>
/// <param name="ChiSquare">-2 log L(smaller) + 2 log L(larger), at least 0.</param>
/// <param name="DegreesOfFreedom">Difference in the number of parameters.</param>
/// <param name="PValue">Upper tail of the chi-square distribution.</param>
public sealed record GeneralizedLinearMixedModelComparison(GeneralizedLinearMixedModelFit Smaller, GeneralizedLinearMixedModelFit Larger,
    double ChiSquare, int DegreesOfFreedom, double PValue);
