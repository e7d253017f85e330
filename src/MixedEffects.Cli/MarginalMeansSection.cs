using MixedEffects.Marginal;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>The marginal means <c>--emmeans</c> asked for and the contrasts among them (<c>--contrast</c>, <c>--adjust</c>).</summary>
/// <param name="Means">The estimated marginal means.</param>
/// <param name="Contrasts">Contrasts among the means, or null with <c>--contrast none</c>.</param>
internal sealed record MarginalMeansSection(EstimatedMarginalMeans Means, MarginalContrasts? Contrasts)
{
    /// <summary>The means from <paramref name="computeMeans"/> and their requested contrasts; null without <c>--emmeans</c>.</summary>
    public static MarginalMeansSection? Compute(FitOptions options, Func<EstimatedMarginalMeans> computeMeans)
    {
        if (options.EmmeansSpecs is null) return null;
        var means = computeMeans();
        var contrasts = options.ContrastFamily switch
        {
            null => null,
            var custom when custom.StartsWith("custom:", StringComparison.Ordinal) => means.Contrast(CustomContrasts(custom, means.Rows.Count), options.Adjust),
            var family => means.Contrast(family, options.Adjust, ControlIndex(means, options.ControlLevel)),
        };
        return new MarginalMeansSection(means, contrasts);
    }

    /// <summary>The <c>emmeans</c> object of the JSON report.</summary>
    /// <summary>Parses "custom:name=1,-1,0;other=..." into named coefficient vectors over the means.</summary>
    private static List<KeyValuePair<string, double[]>> CustomContrasts(string text, int count)
    {
        var result = new List<KeyValuePair<string, double[]>>();
        foreach (var part in text["custom:".Length..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            var values = eq <= 0 ? null : part[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries).Select(t =>
                double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : double.NaN).ToArray();
            if (values is null || values.Any(double.IsNaN))
                throw new CommandLineException($"custom contrast '{part}' is not NAME=C1,C2,... with numbers");
            if (values.Length != count)
                throw new CommandLineException($"custom contrast '{part[..eq]}' has {values.Length} coefficients but there are {count} means");
            result.Add(new(part[..eq].Trim(), values));
        }
        if (result.Count == 0) throw new CommandLineException("'--contrast custom:' needs at least one NAME=C1,C2,... contrast");
        return result;
    }

    private static int ControlIndex(EstimatedMarginalMeans means, string? level)
    {
        if (level is null) return 0;
        int groups = Math.Max(1, means.Rows.Select(r => string.Join("\u0001", means.ByVariables.Select(b => r.Levels[b]))).Distinct().Count());
        int perGroup = means.Rows.Count / groups;
        for (int i = 0; i < means.Rows.Count; i++)
            if (means.PrimaryVariables.Any(v => means.Rows[i].Levels.TryGetValue(v, out var l) && l == level)) return i % perGroup;
        throw new CommandLineException($"'--ref {level}': no marginal mean has the level '{level}'");
    }

    public EmmeansReport ToReport() => EmmeansReport.Build(Means, Contrasts);

    /// <summary>Writes emmeans' <c>$emmeans</c> and <c>$contrasts</c> printouts, each after a blank line.</summary>
    public void WriteText(TextWriter stdout)
    {
        stdout.Write("\n$emmeans\n" + EmmeansTextReport.Format(Means));
        if (Contrasts is not null) stdout.Write("\n$contrasts\n" + EmmeansTextReport.Format(Contrasts));
    }
}
