using OxyPlot;
using OxyPlot.Series;

namespace MixedEffects.Plots;

/// <summary>Residuals against fitted values (with a zero line), and residuals by group as box plots (R's <c>boxplot</c> statistics).</summary>
internal static class ResidualPlots
{
    public static Figure AgainstFitted(FittedModel model)
    {
        var panel = PlotTheme.Panel(null, model.FittedName, model.ResidualName, new OxyThickness(56, 6, 10, 42));
        panel.Annotations.Add(PlotTheme.Horizontal(0));
        panel.Series.Add(PlotTheme.Points(model.Fitted.Zip(model.Residuals), PlotTheme.Dense(PlotTheme.Mixed, model.Count), PlotTheme.DenseSize(model.Count)));
        return new Figure("Residuals against fitted values", [panel], 1, 560, 380);
    }

    public static Figure ByGroup(FittedModel model, string? groupName)
    {
        var group = groupName is null ? DefaultGroup(model) : model.Groups.FirstOrDefault(g => g.Name == groupName)
            ?? throw new PlotException($"'{groupName}' is not a grouping factor of the model");
        var byLevel = GroupPanels.RowsByLevel(group);
        var panel = PlotTheme.Panel(null, group.Name, model.ResidualName, new OxyThickness(56, 6, 10, 42));
        PlotTheme.Categories(PlotTheme.XAxis(panel), group.Levels, 60);
        PlotTheme.XAxis(panel).Angle = group.Levels.Count > 12 ? -90 : 0;
        if (group.Levels.Count > 60) PlotTheme.XAxis(panel).TickStyle = OxyPlot.Axes.TickStyle.None;
        if (group.Levels.Count > 12) panel.PlotMargins = new OxyThickness(56, 6, 10, 60);
        panel.Annotations.Add(PlotTheme.Horizontal(0));
        var boxes = new BoxPlotSeries
        {
            Fill = OxyColor.FromRgb(0xdc, 0xe6, 0xf2), Stroke = PlotTheme.Mixed, StrokeThickness = 1, BoxWidth = 0.6,
            WhiskerWidth = 0.4, OutlierSize = 2.5, MedianThickness = 2,
        };
        for (int l = 0; l < byLevel.Length; l++)
        {
            var values = byLevel[l].Select(r => model.Residuals[r]).OrderBy(v => v).ToArray();
            if (values.Length > 0) boxes.Items.Add(Box(l, values));
        }
        panel.Series.Add(boxes);
        int width = Math.Clamp(120 + 28 * group.Levels.Count, 480, 1400);
        return new Figure($"Residuals by {group.Name}", [panel], 1, width, 380);
    }

    /// <summary>The first grouping factor with at most 60 levels (a readable row of boxes), else the one with fewest.</summary>
    private static GroupingFactor DefaultGroup(FittedModel model) =>
        model.Groups.FirstOrDefault(g => g.Levels.Count <= 60) ?? model.Groups.MinBy(g => g.Levels.Count)!;

    /// <summary>R's <c>boxplot.stats</c>: Tukey's hinges, whiskers to the furthest value within 1.5 IQR, the rest outliers.</summary>
    internal static BoxPlotItem Box(double x, double[] sorted)
    {
        var (min, lower, median, upper, max) = FiveNumbers(sorted);
        double reach = 1.5 * (upper - lower);
        double lowWhisker = sorted.Where(v => v >= lower - reach).DefaultIfEmpty(min).Min();
        double highWhisker = sorted.Where(v => v <= upper + reach).DefaultIfEmpty(max).Max();
        return new BoxPlotItem(x, lowWhisker, lower, median, upper, highWhisker)
        {
            Outliers = sorted.Where(v => v < lowWhisker || v > highWhisker).ToList(),
        };
    }

    /// <summary>R's <c>fivenum</c> of sorted values.</summary>
    internal static (double, double, double, double, double) FiveNumbers(double[] sorted)
    {
        int n = sorted.Length;
        double n4 = Math.Floor((n + 3) / 2.0) / 2;
        double[] d = [1, n4, (n + 1) / 2.0, n + 1 - n4, n];
        double At(double position) => 0.5 * (sorted[(int)Math.Floor(position) - 1] + sorted[(int)Math.Ceiling(position) - 1]);
        return (At(d[0]), At(d[1]), At(d[2]), At(d[3]), At(d[4]));
    }
}
