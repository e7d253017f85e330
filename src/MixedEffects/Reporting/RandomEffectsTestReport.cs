using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>One JSON row of lmerTest's <c>ranova</c> table: <c>{term, npar, logLik, AIC, LRT, Df, p}</c>.</summary>
/// <param name="Term">lmerTest's row label.</param>
/// <param name="Npar">Number of parameters.</param>
/// <param name="LogLik">Log-likelihood.</param>
/// <param name="Aic">AIC.</param>
/// <param name="Lrt">Likelihood-ratio statistic; null on the first row.</param>
/// <param name="Df">Degrees of freedom; null on the first row.</param>
/// <param name="P">p value; null on the first row.</param>
public sealed record RandomEffectsTestReport(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("npar")] int Npar,
    [property: JsonPropertyName("logLik")] double? LogLik,
    [property: JsonPropertyName("AIC")] double? Aic,
    [property: JsonPropertyName("LRT")] double? Lrt,
    [property: JsonPropertyName("Df")] int? Df,
    [property: JsonPropertyName("p")] double? P)
{
    /// <summary>The report rows of a ranova table.</summary>
    public static IReadOnlyList<RandomEffectsTestReport> Build(IEnumerable<RandomEffectsTestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => new RandomEffectsTestReport(r.Term, r.Npar, ReportNumbers.Finite(r.LogLik), ReportNumbers.Finite(r.Aic),
            ReportNumbers.Finite(r.Lrt), r.Df, ReportNumbers.Finite(r.P))).ToArray();
    }
}
