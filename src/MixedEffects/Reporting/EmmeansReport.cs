using System.Text.Json.Serialization;
using MixedEffects.Marginal;

namespace MixedEffects.Reporting;

/// <summary>
/// The JSON model of marginal means and contrasts (printed by the CLI under "emmeans"): numbers in full
/// precision, NaN and infinities as null.
/// </summary>
public sealed record EmmeansReport
{
    /// <summary>Degrees-of-freedom method: kenward-roger, satterthwaite or asymptotic.</summary>
    [JsonPropertyName("df_method")]
    public required string DfMethod { get; init; }

    /// <summary>The marginal means.</summary>
    [JsonPropertyName("grid")]
    public required IReadOnlyList<EmmeansGridRowReport> Grid { get; init; }

    /// <summary>The contrasts (empty when none were requested).</summary>
    [JsonPropertyName("contrasts")]
    public required IReadOnlyList<EmmeansContrastReport> Contrasts { get; init; }

    /// <summary>The p-value adjustment of the contrasts, or null.</summary>
    [JsonPropertyName("adjust")]
    public string? Adjust { get; init; }

    /// <summary>emmeans' annotation lines.</summary>
    [JsonPropertyName("messages")]
    public required IReadOnlyList<string> Messages { get; init; }

    /// <summary>Builds the report from marginal means and optional contrasts.</summary>
    /// <param name="means">The marginal means.</param>
    /// <param name="contrasts">Contrasts among them, or null.</param>
    public static EmmeansReport Build(EstimatedMarginalMeans means, MarginalContrasts? contrasts = null)
    {
        ArgumentNullException.ThrowIfNull(means);
        return new EmmeansReport
        {
            DfMethod = means.DegreesOfFreedomMethod,
            Grid = means.Rows.Select(r => new EmmeansGridRowReport(r.Levels, Finite(r.Estimate), Finite(r.StandardError),
                Finite(r.DegreesOfFreedom), Finite(r.Lower), Finite(r.Upper))).ToArray(),
            Contrasts = contrasts?.Rows.Select(r => new EmmeansContrastReport(r.Name, r.ByLevels, Finite(r.Estimate),
                Finite(r.StandardError), Finite(r.DegreesOfFreedom), Finite(r.Statistic), Finite(r.PValue))).ToArray() ?? [],
            Adjust = contrasts is null ? null : PValueAdjustment.Name(contrasts.Adjustment),
            Messages = means.Notes.Concat(contrasts?.Messages ?? means.Messages).ToArray(),
        };
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
