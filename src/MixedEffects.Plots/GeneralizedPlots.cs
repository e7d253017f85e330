using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// Plots for generalized models: binned residuals (arm's <c>binnedplot</c>: mean response residual in bins of the fitted
/// value, with a band of two standard errors), and the observed proportion or rate with the fitted one by group.
/// </summary>
internal static class GeneralizedPlots
{
    public static Figure BinnedResiduals(FittedModel model)
    {
        int n = model.Count;
        int bins = n >= 100 ? (int)Math.Floor(Math.Sqrt(n)) : n >= 10 ? 10 : Math.Max(1, n / 2);
        var order = Enumerable.Range(0, n).OrderBy(i => model.Fitted[i]).ToArray();
        var points = new List<(double X, double Y, double Band)>();
        for (int b = 0; b < bins; b++)
        {
            var members = order[(b * n / bins)..((b + 1) * n / bins)];
            if (members.Length == 0) continue;
            double x = members.Average(i => model.Fitted[i]), y = members.Average(i => model.Residuals[i]);
            double sd = members.Length > 1 ? Math.Sqrt(members.Sum(i => Math.Pow(model.Residuals[i] - y, 2)) / (members.Length - 1)) : 0;
            points.Add((x, y, 2 * sd / Math.Sqrt(members.Length)));
        }
        var panel = PlotTheme.Panel(null, $"mean {model.FittedName.ToLowerInvariant()} in bin", $"mean {model.ResidualName.ToLowerInvariant()}",
            new OxyThickness(60, 6, 10, 42));
        panel.Annotations.Add(PlotTheme.Horizontal(0));
        panel.Series.Add(PlotTheme.Line(points.Select(p => (p.X, p.Band)), PlotTheme.Reference, LineStyle.Solid, 1, "±2 standard errors"));
        panel.Series.Add(PlotTheme.Line(points.Select(p => (p.X, -p.Band)), PlotTheme.Reference, LineStyle.Solid, 1));
        panel.Series.Add(PlotTheme.Points(points.Select(p => (p.X, p.Y)), PlotTheme.Mixed, 3.5, "bin mean"));
        PlotTheme.AddLegend(panel, OxyPlot.Legends.LegendPosition.TopRight);
        return new Figure("Binned residuals", [panel], 1, 560, 380, $"{points.Count} bins of about {n / Math.Max(1, bins)} observations, ordered by fitted value.");
    }

    public static Figure FittedByGroup(FittedModel model, int maxPanels)
    {
        var group = model.FirstGroup;
        var byLevel = GroupPanels.RowsByLevel(group);
        var x = model.X ?? new PanelVariable("observation", Enumerable.Range(0, model.Count).Select(i => (double)i).ToArray(), null);
        string what = model.Family is null ? "fitted" : model.FittedName.ToLowerInvariant();
        return GroupPanels.Build($"Observed and {what} by {group.Name}", group, maxPanels, x.Name, model.ResponseName,
            PlotTheme.Range(x.Values), PlotTheme.Range(model.Response.Concat(model.Fitted)), (panel, level, first) =>
            {
                var rows = byLevel[level].OrderBy(r => x.Values[r]).ToArray();
                var line = PlotTheme.Line(rows.Select(r => (x.Values[r], model.Fitted[r])), PlotTheme.Mixed, LineStyle.Solid, 1.8, first ? what : null);
                line.MarkerType = MarkerType.Diamond;
                line.MarkerSize = 2.5;
                line.MarkerFill = PlotTheme.Mixed;
                panel.Series.Add(line);
                panel.Series.Add(PlotTheme.Points(rows.Select(r => (x.Values[r], model.Response[r])), PlotTheme.Data, 2.5, first ? "observed" : null));
                if (first) PlotTheme.AddLegend(panel, OxyPlot.Legends.LegendPosition.TopRight);
            }, x.Levels);
    }
}
