using MixedEffects.Distributions;
using MixedEffects.Models;
using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// Caterpillar plot of one grouping factor (lattice's <c>dotplot(ranef(m, condVar = TRUE))</c>): the conditional modes
/// of each term with intervals of 1.96 conditional standard deviations, levels sorted by the first term, one panel per term.
/// </summary>
internal static class CaterpillarPlot
{
    private const int MaxLabels = 60;

    public static Figure Draw(FittedModel model, string? groupName, double level)
    {
        var table = Table(model, groupName);
        if (table.ConditionalSd is null) throw new PlotException($"the random effects of '{table.Group}' have no conditional variances");
        double z = ProbabilityFunctions.NormalQuantile((1 + level) / 2);
        int levels = table.Levels.Count;
        var order = Enumerable.Range(0, levels).OrderBy(l => table.Values[l, 0]).ToArray();
        var names = order.Select(l => table.Levels[l]).ToArray();
        var panels = new List<PlotModel>();
        for (int c = 0; c < table.Columns.Count; c++)
        {
            bool many = levels > MaxLabels;
            var panel = PlotTheme.Panel(table.Columns[c], $"conditional mode ({100 * level:0.##}% interval)", c == 0 ? table.Group : null,
                new OxyThickness(c == 0 ? (many ? 40 : 70) : 16, 2, 10, 38));
            var y = PlotTheme.YAxis(panel);
            PlotTheme.Categories(y, c == 0 ? names : [], MaxLabels, levels);
            y.MajorGridlineStyle = many ? LineStyle.None : LineStyle.Solid;
            y.MajorGridlineColor = OxyColor.FromRgb(0xf0, 0xf0, 0xf0);
            y.FontSize = levels > 30 ? 8 : 10;
            if (many)
            {
                y.TickStyle = OxyPlot.Axes.TickStyle.None;
                y.MajorStep = levels;
            }
            panel.Annotations.Add(PlotTheme.Vertical(0));
            for (int k = 0; k < levels; k++)
            {
                double v = table.Values[order[k], c], half = z * table.ConditionalSd[order[k], c];
                panel.Series.Add(PlotTheme.Line([(v - half, k), (v + half, k)], PlotTheme.Interval, LineStyle.Solid, levels > MaxLabels ? 0.5 : 1.2));
            }
            panel.Series.Add(PlotTheme.Points(Enumerable.Range(0, levels).Select(k => (table.Values[order[k], c], (double)k)), PlotTheme.Mixed,
                levels > MaxLabels ? 1.2 : 2.6));
            panels.Add(panel);
        }
        int height = levels > MaxLabels ? Math.Clamp(60 + 2 * levels, 400, 1000) : Math.Clamp(60 + 14 * levels, 240, 1400);
        string? note = levels > MaxLabels ? $"{levels} levels, sorted from bottom to top: level names are left out." : null;
        return new Figure($"Caterpillar plot: {table.Group}", panels, panels.Count, 330, height, note);
    }

    public static RandomEffectsTable Table(FittedModel model, string? groupName) =>
        groupName is null ? model.RandomEffects[0]
            : model.RandomEffects.FirstOrDefault(t => t.Group == groupName)
              ?? throw new PlotException($"'{groupName}' is not a grouping factor of the model (it has {string.Join(", ", model.RandomEffects.Select(t => t.Group))})");
}
