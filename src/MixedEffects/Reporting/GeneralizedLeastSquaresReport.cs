using System.Text.Json.Serialization;
using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>The JSON report of a generalized least-squares fit, with the fields of nlme's <c>summary(gls(...))</c>.</summary>
public sealed record GeneralizedLeastSquaresReport
{
    /// <summary>The formula.</summary>
    [JsonPropertyName("formula")] public string Formula { get; init; } = "";

    /// <summary><c>REML</c> or <c>ML</c>.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "";

    /// <summary>Observations used.</summary>
    [JsonPropertyName("nobs")] public int Nobs { get; init; }

    /// <summary>Residual degrees of freedom (observations less coefficients), the df of the t tests.</summary>
    [JsonPropertyName("df_resid")] public int DfResid { get; init; }

    /// <summary>The coefficient table (value, standard error, t value, p value).</summary>
    [JsonPropertyName("coefficients")] public IReadOnlyList<LeastSquaresCoefficientReport> Coefficients { get; init; } = [];

    /// <summary>Residual standard error (the reference stratum's SD under varIdent).</summary>
    [JsonPropertyName("sigma")] public double? Sigma { get; init; }

    /// <summary>The variance function's estimates; absent without one.</summary>
    [JsonPropertyName("variance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VarianceFunctionReport? Variance { get; init; }

    /// <summary>Log-likelihood (restricted for REML).</summary>
    [JsonPropertyName("logLik")] public double? LogLik { get; init; }

    /// <summary>Number of estimated parameters (logLik's df).</summary>
    [JsonPropertyName("df")] public int Df { get; init; }

    /// <summary>AIC.</summary>
    [JsonPropertyName("AIC")] public double? Aic { get; init; }

    /// <summary>BIC (nlme's: log(n - p) for REML).</summary>
    [JsonPropertyName("BIC")] public double? Bic { get; init; }

    /// <summary>Whether the optimizer converged.</summary>
    [JsonPropertyName("converged")] public bool Converged { get; init; }

    /// <summary>Convergence warnings.</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The report of a fit.</summary>
    public static GeneralizedLeastSquaresReport Build(GeneralizedLeastSquaresFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new GeneralizedLeastSquaresReport
        {
            Formula = fit.Formula,
            Method = fit.Method == EstimationMethod.Reml ? "REML" : "ML",
            Nobs = fit.ObservationCount,
            DfResid = fit.ResidualDegreesOfFreedom,
            Coefficients = fit.Coefficients.Select(c => new LeastSquaresCoefficientReport(c.Term, ReportNumbers.Finite(c.Estimate),
                ReportNumbers.Finite(c.StandardError), ReportNumbers.Finite(c.Statistic), ReportNumbers.Finite(c.P))).ToArray(),
            Sigma = ReportNumbers.Finite(fit.Sigma),
            Variance = fit.VarianceFunction is { } v ? VarianceFunctionReport.From(v) : null,
            LogLik = ReportNumbers.Finite(fit.LogLikelihood),
            Df = fit.ParameterCount,
            Aic = ReportNumbers.Finite(fit.Aic),
            Bic = ReportNumbers.Finite(fit.Bic),
            Converged = fit.Converged,
            Warnings = fit.Warnings.ToArray(),
        };
    }
}
