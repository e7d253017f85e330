namespace MixedEffects.Inference;

/// <summary>One row of lme4's <c>anova(m0, m1)</c> table.</summary>
/// <param name="Model">The model's name: <c>m0</c>, <c>m1</c>, ... by position in the call.</param>
/// <param name="Formula">The model's formula.</param>
/// <param name="Npar">Number of parameters (fixed effects, theta, sigma).</param>
/// <param name="Aic">Akaike's information criterion.</param>
/// <param name="Bic">Bayesian information criterion.</param>
/// <param name="LogLik">Log-likelihood (of the ML refit when the comparison refitted).</param>
/// <param name="Deviance">-2 log-likelihood.</param>
/// <param name="ChiSquare">Likelihood-ratio statistic against the previous row; null on the first row.</param>
/// <param name="Df">Difference in parameters against the previous row; null on the first row.</param>
/// <param name="P">Upper chi-square tail probability; null on the first row or when Df is 0.</param>
public sealed record ModelComparisonRow(string Model, string Formula, int Npar, double Aic, double Bic, double LogLik,
    double Deviance, double? ChiSquare, int? Df, double? P);
