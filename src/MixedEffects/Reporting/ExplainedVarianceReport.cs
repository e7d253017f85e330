using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>JSON <c>r2</c>: Nakagawa's marginal and conditional R-squared, the ICC and the variance components behind them.</summary>
public sealed record ExplainedVarianceReport
{
    /// <summary>Marginal R-squared (fixed effects).</summary>
    [JsonPropertyName("marginal")] public double Marginal { get; init; }

    /// <summary>Conditional R-squared (fixed and random effects).</summary>
    [JsonPropertyName("conditional")] public double Conditional { get; init; }

    /// <summary>Adjusted ICC.</summary>
    [JsonPropertyName("icc_adjusted")] public double IccAdjusted { get; init; }

    /// <summary>Unadjusted ICC.</summary>
    [JsonPropertyName("icc_unadjusted")] public double IccUnadjusted { get; init; }

    /// <summary>Variance of the fixed-effects predictions.</summary>
    [JsonPropertyName("var_fixed")] public double VarFixed { get; init; }

    /// <summary>Random-effects variance.</summary>
    [JsonPropertyName("var_random")] public double VarRandom { get; init; }

    /// <summary>Residual (distribution-specific plus dispersion) variance.</summary>
    [JsonPropertyName("var_residual")] public double VarResidual { get; init; }

    /// <summary>The report of a decomposition.</summary>
    public static ExplainedVarianceReport From(ExplainedVariance v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new ExplainedVarianceReport
        {
            Marginal = v.MarginalRSquared, Conditional = v.ConditionalRSquared, IccAdjusted = v.AdjustedIcc,
            IccUnadjusted = v.UnadjustedIcc, VarFixed = v.FixedVariance, VarRandom = v.RandomVariance, VarResidual = v.ResidualVariance,
        };
    }

    /// <summary>The summary's line: <c>R2 (Nakagawa): marginal 0.2787, conditional 0.7992; ICC: adjusted 0.7217, unadjusted 0.5206</c>.</summary>
    public static string TextLine(ExplainedVariance v)
    {
        ArgumentNullException.ThrowIfNull(v);
        static string F(double x) => double.IsFinite(x) ? x.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "NA";
        return $"R2 (Nakagawa): marginal {F(v.MarginalRSquared)}, conditional {F(v.ConditionalRSquared)}; " +
               $"ICC: adjusted {F(v.AdjustedIcc)}, unadjusted {F(v.UnadjustedIcc)}\n";
    }
}
