namespace MixedEffects.Marginal;

/// <summary>One row of emmeans' <c>joint_tests</c>: the F test that all effects of a model term are zero.</summary>
/// <param name="Term">The model term, e.g. <c>recipe:temperature</c>.</param>
/// <param name="NumeratorDf">Numerator degrees of freedom (the rank of the term's contrasts).</param>
/// <param name="DenominatorDf">Denominator degrees of freedom (positive infinity for asymptotic tests).</param>
/// <param name="F">The F ratio.</param>
/// <param name="PValue">P(F(df1, df2) &gt; F).</param>
public sealed record JointTest(string Term, int NumeratorDf, double DenominatorDf, double F, double PValue);
