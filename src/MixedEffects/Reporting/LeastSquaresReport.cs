using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>The JSON report of a least-squares fit, with the fields of R's <c>summary(lm(...))</c>.</summary>
public sealed record LeastSquaresReport
{
    /// <summary>The formula.</summary>
    [JsonPropertyName("formula")] public string Formula { get; init; } = "";

    /// <summary>Observations used.</summary>
    [JsonPropertyName("nobs")] public int Nobs { get; init; }

    /// <summary>Residual degrees of freedom.</summary>
    [JsonPropertyName("df_resid")] public int DfResid { get; init; }

    /// <summary>The coefficient table.</summary>
    [JsonPropertyName("coefficients")] public IReadOnlyList<LeastSquaresCoefficientReport> Coefficients { get; init; } = [];

    /// <summary>Residual standard error.</summary>
    [JsonPropertyName("sigma")] public double? Sigma { get; init; }

    /// <summary>Multiple R squared.</summary>
    [JsonPropertyName("r_squared")] public double? RSquared { get; init; }

    /// <summary>Adjusted R squared.</summary>
    [JsonPropertyName("adj_r_squared")] public double? AdjRSquared { get; init; }

    /// <summary>F statistic, numerator and denominator degrees of freedom (R's <c>fstatistic</c>).</summary>
    [JsonPropertyName("fstatistic")] public IReadOnlyList<double?> FStatistic { get; init; } = [];

    /// <summary>Log-likelihood.</summary>
    [JsonPropertyName("logLik")] public double? LogLik { get; init; }

    /// <summary>AIC.</summary>
    [JsonPropertyName("AIC")] public double? Aic { get; init; }

    /// <summary>BIC.</summary>
    [JsonPropertyName("BIC")] public double? Bic { get; init; }

    /// <summary>The report of a fit.</summary>
    public static LeastSquaresReport Build(LeastSquaresFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new LeastSquaresReport
        {
            Formula = fit.Formula,
            Nobs = fit.ObservationCount,
            DfResid = fit.ResidualDegreesOfFreedom,
            Coefficients = fit.Coefficients.Select(c => new LeastSquaresCoefficientReport(c.Term, ReportNumbers.Finite(c.Estimate),
                ReportNumbers.Finite(c.StandardError), ReportNumbers.Finite(c.Statistic), ReportNumbers.Finite(c.P))).ToArray(),
            Sigma = ReportNumbers.Finite(fit.Sigma),
            RSquared = ReportNumbers.Finite(fit.RSquared),
            AdjRSquared = ReportNumbers.Finite(fit.AdjustedRSquared),
            FStatistic = [ReportNumbers.Finite(fit.FStatistic), fit.FNumeratorDf, fit.FDenominatorDf],
            LogLik = ReportNumbers.Finite(fit.LogLikelihood),
            Aic = ReportNumbers.Finite(fit.Aic),
            Bic = ReportNumbers.Finite(fit.Bic),
        };
    }
}
