using System.Text.Json.Serialization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>The JSON report of least-squares fits per group (lme4's <c>lmList</c>): the coefficients of each level.</summary>
public sealed record PerGroupLeastSquaresReport
{
    /// <summary>The formula.</summary>
    [JsonPropertyName("formula")] public string Formula { get; init; } = "";

    /// <summary>The grouping column.</summary>
    [JsonPropertyName("group")] public string Group { get; init; } = "";

    /// <summary>The coefficient names, as R prints them.</summary>
    [JsonPropertyName("columns")] public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>One entry per level, in factor order.</summary>
    [JsonPropertyName("groups")] public IReadOnlyList<GroupCoefficientsReport> Groups { get; init; } = [];

    /// <summary>The report of per-group fits: each level's coefficients (null where the level cannot estimate one, R's NA).</summary>
    public static PerGroupLeastSquaresReport Build(PerGroupLeastSquaresFit fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        var coef = fits.Coefficients;
        return new PerGroupLeastSquaresReport
        {
            Formula = fits.Formula,
            Group = fits.Group,
            Columns = fits.Columns.ToArray(),
            Groups = fits.Levels.Select((level, g) => new GroupCoefficientsReport(level,
                fits.Columns.Select((_, j) => ReportNumbers.Finite(coef[g, j])).ToArray())).ToArray(),
        };
    }
}
