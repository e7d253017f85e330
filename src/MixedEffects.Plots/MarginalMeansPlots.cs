using MixedEffects.Marginal;
using OxyPlot;
using OxyPlot.Legends;

namespace MixedEffects.Plots;

/// <summary>
/// Plots of estimated marginal means: each mean with its confidence interval (emmeans' <c>plot()</c>), and the
/// interaction plot of two factors (emmeans' <c>emmip</c>): means along the first factor, one line per level of the second.
/// </summary>
public static class MarginalMeansPlots
{
    /// <summary>Each marginal mean as a point with its confidence interval, one position per row of the table.</summary>
    public static Figure Means(EstimatedMarginalMeans means)
    {
        ArgumentNullException.ThrowIfNull(means);
        var rows = means.Rows.Where(r => r.IsEstimable).ToArray();
        if (rows.Length == 0) throw new PlotException("no estimable marginal means to plot");
        var variables = means.PrimaryVariables.Concat(means.ByVariables).ToArray();
        var names = rows.Select(r => string.Join(", ", variables.Select(v => r.Levels[v]))).ToArray();
        int width = Math.Clamp(140 + 110 * rows.Length, 480, 1200);
        bool slanted = names.Length * (7 * names.Max(n => n.Length) + 12) > width - 90;
        var panel = PlotTheme.Panel(null, string.Join(", ", variables), Label(means), new OxyThickness(64, 6, 10, slanted ? 90 : 42));
        var x = PlotTheme.XAxis(panel);
        PlotTheme.Categories(x, names);
        if (slanted) x.Angle = -35;
        for (int i = 0; i < rows.Length; i++)
            panel.Series.Add(PlotTheme.Line([(i, rows[i].Lower), (i, rows[i].Upper)], PlotTheme.Interval, LineStyle.Solid, 2));
        panel.Series.Add(PlotTheme.Points(rows.Select((r, i) => ((double)i, r.Estimate)), PlotTheme.Mixed, 4));
        return new Figure($"Marginal means of {string.Join(", ", variables)}", [panel], 1, width, 380,
            $"Points: {means.EstimateName}; bars: {100 * means.ConfidenceLevel:0.##}% confidence intervals.");
    }

    /// <summary>
    /// The interaction plot: means along <paramref name="along"/> (default: the first primary variable), one line per level of
    /// <paramref name="trace"/> (default: the second), with confidence intervals; one panel per level of any further variables.
    /// </summary>
    public static Figure Interaction(EstimatedMarginalMeans means, string? along = null, string? trace = null)
    {
        ArgumentNullException.ThrowIfNull(means);
        var variables = means.PrimaryVariables.Concat(means.ByVariables).ToList();
        if (variables.Count < 2) throw new PlotException("an interaction plot needs marginal means over two factors, e.g. \"task * stimulus\"");
        along ??= variables[0];
        trace ??= variables.First(v => v != along);
        foreach (var v in new[] { along, trace })
            if (!variables.Contains(v)) throw new PlotException($"'{v}' is not a variable of these marginal means ({string.Join(", ", variables)})");
        var rest = variables.Where(v => v != along && v != trace).ToArray();
        var alongLevels = Distinct(means, along);
        var traceLevels = Distinct(means, trace);
        var panelKeys = means.Rows.Select(r => string.Join(", ", rest.Select(v => $"{v} = {r.Levels[v]}"))).Distinct().ToArray();
        var panels = panelKeys.Select((key, p) =>
        {
            var panel = PlotTheme.Panel(rest.Length > 0 ? key : null, along, p == 0 ? Label(means) : null, new OxyThickness(64, 4, 10, 42));
            PlotTheme.Categories(PlotTheme.XAxis(panel), alongLevels);
            for (int t = 0; t < traceLevels.Count; t++)
            {
                var color = PlotTheme.Palette[t % PlotTheme.Palette.Length];
                double dodge = traceLevels.Count > 1 ? 0.12 * (t - (traceLevels.Count - 1) / 2.0) : 0;
                var cells = means.Rows.Where(r => r.IsEstimable && r.Levels[trace] == traceLevels[t]
                        && string.Join(", ", rest.Select(v => $"{v} = {r.Levels[v]}")) == key)
                    .Select(r => (X: alongLevels.IndexOf(r.Levels[along]) + dodge, Row: r)).OrderBy(c => c.X).ToArray();
                foreach (var c in cells)
                    panel.Series.Add(PlotTheme.Line([(c.X, c.Row.Lower), (c.X, c.Row.Upper)], OxyColor.FromAColor(150, color), LineStyle.Solid, 1.4));
                panel.Series.Add(PlotTheme.Line(cells.Select(c => (c.X, c.Row.Estimate)), color, LineStyle.Solid, 2, $"{trace} = {traceLevels[t]}"));
                panel.Series.Add(PlotTheme.Points(cells.Select(c => (c.X, c.Row.Estimate)), color, 3.5));
            }
            PlotTheme.AddLegend(panel, LegendPosition.TopRight);
            return panel;
        }).ToList();
        return new Figure($"Interaction plot: {means.EstimateName} of {along} by {trace}", panels, Math.Min(3, panels.Count),
            Math.Clamp(200 + 110 * alongLevels.Count, 460, 900), 400,
            $"Lines join the marginal means of each level of {trace}; bars: {100 * means.ConfidenceLevel:0.##}% confidence intervals.");
    }

    private static string Label(EstimatedMarginalMeans means) => means.EstimateName;

    private static List<string> Distinct(EstimatedMarginalMeans means, string variable) =>
        means.Rows.Select(r => r.Levels[variable]).Distinct().ToList();
}
