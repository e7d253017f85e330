using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>
/// The JSON "compare" object: the test of the largest model against the one before it
/// (<c>chisq</c>, <c>df</c>, <c>p</c>, <c>logLik0</c>, <c>logLik1</c>), whether REML fits were refitted by ML, and the full table.
/// </summary>
public sealed record ModelComparisonReport
{
    /// <summary>Likelihood-ratio statistic.</summary>
    [JsonPropertyName("chisq")] public double? Chisq { get; init; }

    /// <summary>Difference in number of parameters.</summary>
    [JsonPropertyName("df")] public int Df { get; init; }

    /// <summary>Upper chi-square tail probability.</summary>
    [JsonPropertyName("p")] public double? P { get; init; }

    /// <summary>Log-likelihood of the smaller model.</summary>
    [JsonPropertyName("logLik0")] public double? LogLik0 { get; init; }

    /// <summary>Log-likelihood of the larger model.</summary>
    [JsonPropertyName("logLik1")] public double? LogLik1 { get; init; }

    /// <summary>True when REML fits were refitted by ML.</summary>
    [JsonPropertyName("refitted")] public bool Refitted { get; init; }

    /// <summary>Messages in lme4's wording.</summary>
    [JsonPropertyName("messages")] public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>All rows, fewest parameters first.</summary>
    [JsonPropertyName("rows")] public IReadOnlyList<ModelComparisonRowReport> Rows { get; init; } = [];

    /// <summary>The report of a comparison.</summary>
    public static ModelComparisonReport Build(ModelComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ModelComparisonReport
        {
            Chisq = ReportNumbers.Finite(result.ChiSquare),
            Df = result.Df,
            P = ReportNumbers.Finite(result.P),
            LogLik0 = ReportNumbers.Finite(result.Rows[^2].LogLik),
            LogLik1 = ReportNumbers.Finite(result.Rows[^1].LogLik),
            Refitted = result.Refitted,
            Messages = result.Messages.ToArray(),
            Rows = result.Rows.Select(r => new ModelComparisonRowReport(r.Model, r.Formula, r.Npar, ReportNumbers.Finite(r.Aic),
                ReportNumbers.Finite(r.Bic), ReportNumbers.Finite(r.LogLik), ReportNumbers.Finite(r.Deviance),
                ReportNumbers.Finite(r.ChiSquare), r.Df, ReportNumbers.Finite(r.P))).ToArray(),
        };
    }
}
