namespace MixedEffects.Inference;

/// <summary>One row of lmerTest's <c>ranova(m)</c> table.</summary>
/// <param name="Term">
/// <c>&lt;none&gt;</c> for the full model; <c>(1 | g)</c> for a removed term; <c>x in (x | g)</c> for a term reduced by
/// removing <c>x</c> from its left side.
/// </param>
/// <param name="Npar">Number of parameters of the (reduced) model.</param>
/// <param name="LogLik">Its log-likelihood (REML or ML as the fit).</param>
/// <param name="Aic">Its AIC.</param>
/// <param name="Lrt">Likelihood-ratio statistic against the full model; null on the first row.</param>
/// <param name="Df">Difference in parameters; null on the first row.</param>
/// <param name="P">Upper chi-square tail probability of <paramref name="Lrt"/>; null on the first row.</param>
public sealed record RandomEffectsTestRow(string Term, int Npar, double LogLik, double Aic, double? Lrt, int? Df, double? P);
