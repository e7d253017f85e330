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
        var contrasts = options.ContrastFamily is null ? null : means.Contrast(options.ContrastFamily, options.Adjust);
        return new MarginalMeansSection(means, contrasts);
    }

    /// <summary>The <c>emmeans</c> object of the JSON report.</summary>
    public EmmeansReport ToReport() => EmmeansReport.Build(Means, Contrasts);

    /// <summary>Writes emmeans' <c>$emmeans</c> and <c>$contrasts</c> printouts, each after a blank line.</summary>
    public void WriteText(TextWriter stdout)
    {
        stdout.Write("\n$emmeans\n" + EmmeansTextReport.Format(Means));
        if (Contrasts is not null) stdout.Write("\n$contrasts\n" + EmmeansTextReport.Format(Contrasts));
    }
}
