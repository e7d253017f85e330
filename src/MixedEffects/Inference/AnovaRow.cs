namespace MixedEffects.Inference;

/// <summary>One row of an ANOVA table (lmerTest's columns).</summary>
/// <param name="Term">The term as R labels it, e.g. <c>task:stimulus</c>.</param>
/// <param name="SumSq">Sum of squares: MeanSq x NumDf.</param>
/// <param name="MeanSq">Mean square: the (unscaled) F value x sigma^2.</param>
/// <param name="NumDf">Numerator degrees of freedom (rank of the hypothesis).</param>
/// <param name="DenDf">Denominator degrees of freedom.</param>
/// <param name="F">F statistic (Kenward-Roger's scaled F for that method).</param>
/// <param name="P">Upper-tail p value of F.</param>
public sealed record AnovaRow(string Term, double SumSq, double MeanSq, double NumDf, double DenDf, double F, double P);
