using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// Lays out one panel per group (lattice's small multiples): shared axis ranges, axis titles only on the bottom row and
/// left column, the same margins everywhere so the plot areas line up.
/// </summary>
internal static class GroupPanels
{
    public const int Width = 200;
    public const int Height = 170;

    public static Figure Build(string title, GroupingFactor group, int maxPanels, string xTitle, string yTitle,
        (double, double) xRange, (double, double) yRange, Action<PlotModel, int, bool> fill, IReadOnlyList<string>? xCategories = null)
    {
        int shown = Math.Min(group.Levels.Count, Math.Max(1, maxPanels));
        int columns = PlotTheme.GridColumns(shown);
        int rows = (shown + columns - 1) / columns;
        var panels = new List<PlotModel>();
        for (int level = 0; level < shown; level++)
        {
            bool bottom = level / columns == rows - 1 || level + columns >= shown;
            bool left = level % columns == 0;
            var model = PlotTheme.Panel(group.Levels[level], bottom ? xTitle : null, left ? yTitle : null, new OxyThickness(48, 2, 8, 38));
            PlotTheme.Limits(model, xRange, yRange);
            if (xCategories is not null) PlotTheme.Categories(PlotTheme.XAxis(model), xCategories);
            fill(model, level, level == 0);
            panels.Add(model);
        }
        string? note = shown < group.Levels.Count ? $"The first {shown} of {group.Levels.Count} levels of {group.Name} are shown." : null;
        return new Figure(title, panels, columns, Width, Height, note);
    }

    /// <summary>Indices of the observations in each level of <paramref name="group"/>.</summary>
    public static List<int>[] RowsByLevel(GroupingFactor group)
    {
        var rows = Enumerable.Range(0, group.Levels.Count).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < group.Codes.Length; i++) rows[group.Codes[i]].Add(i);
        return rows;
    }
}
