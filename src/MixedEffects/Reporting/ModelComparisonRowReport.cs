using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>One row of the JSON likelihood-ratio table (lme4's <c>anova(m0, m1)</c>).</summary>
/// <param name="Model">m0, m1, ...</param>
/// <param name="Formula">The model's formula.</param>
/// <param name="Npar">Number of parameters.</param>
/// <param name="Aic">AIC.</param>
/// <param name="Bic">BIC.</param>
/// <param name="LogLik">Log-likelihood.</param>
/// <param name="Deviance">-2 log-likelihood.</param>
/// <param name="Chisq">Likelihood-ratio statistic, null on the first row.</param>
/// <param name="Df">Degrees of freedom, null on the first row.</param>
/// <param name="P">p value, null on the first row.</param>
public sealed record ModelComparisonRowReport(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("formula")] string Formula,
    [property: JsonPropertyName("npar")] int Npar,
    [property: JsonPropertyName("AIC")] double? Aic,
    [property: JsonPropertyName("BIC")] double? Bic,
    [property: JsonPropertyName("logLik")] double? LogLik,
    [property: JsonPropertyName("deviance")] double? Deviance,
    [property: JsonPropertyName("Chisq")] double? Chisq,
    [property: JsonPropertyName("Df")] int? Df,
    [property: JsonPropertyName("p")] double? P);
