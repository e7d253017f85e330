using MixedEffects.Inference;
using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// The pooling plot: each group's data with the mixed model's line (partial pooling), and optionally the
/// complete-pooling line (OLS on all data) and the group's own OLS line (no pooling).
/// </summary>
internal static class PoolingPlot
{
    public static Figure Draw(FittedModel model, PoolingOptions options)
    {
        var x = model.X is { Levels: null } covariate ? covariate
            : throw new PlotException($"a pooling plot needs a numeric covariate among the fixed effects of '{model.Formula}'");
        var group = model.FirstGroup;
        var byLevel = GroupPanels.RowsByLevel(group);
        var mixed = MixedLines(model, x, byLevel);
        (double A, double B)? pooled = options.CompletePooling && model.Linear is not null ? CompletePooling(model, x) : null;
        var perGroup = options.NoPooling && model.Linear is not null ? NoPooling(model, x, group) : null;
        var xRange = PlotTheme.Range(x.Values);
        var yRange = PlotTheme.Range(model.Response);
        // the key goes top left in the panel whose data stay lowest, where it hides the least
        int keyPanel = Enumerable.Range(0, Math.Min(byLevel.Length, options.MaxPanels))
            .MinBy(l => byLevel[l].Count == 0 ? double.PositiveInfinity : byLevel[l].Max(r => model.Response[r]));
        return GroupPanels.Build($"Pooling: {model.ResponseName} against {x.Name} by {group.Name}", group, options.MaxPanels,
            x.Name, model.ResponseName, xRange, yRange, (panel, level, _) =>
            {
                bool first = level == keyPanel;
                var rows = byLevel[level];
                var (lo, hi) = PlotTheme.Range(rows.Select(r => x.Values[r]));
                if (pooled is { } p) panel.Series.Add(PlotTheme.Line([(lo, p.A + p.B * lo), (hi, p.A + p.B * hi)], PlotTheme.Pooled,
                    LineStyle.Dash, 1.4, first ? "complete pooling" : null));
                if (perGroup is not null && perGroup[level] is { } g && double.IsFinite(g.B))
                    panel.Series.Add(PlotTheme.Line([(lo, g.A + g.B * lo), (hi, g.A + g.B * hi)], PlotTheme.PerGroup,
                        LineStyle.Dot, 1.6, first ? "no pooling" : null));
                panel.Series.Add(PlotTheme.Line(mixed[level], PlotTheme.Mixed, LineStyle.Solid, 1.8, first ? "mixed model" : null));
                panel.Series.Add(PlotTheme.Points(rows.Select(r => (x.Values[r], model.Response[r])), PlotTheme.Data));
                if (first && (pooled is not null || perGroup is not null)) PlotTheme.AddLegend(panel);
            });
    }

    /// <summary>The mixed model's line in each group: from the group's coefficients when the model is a line in x, else its fitted values in x order.</summary>
    private static List<(double X, double Y)>[] MixedLines(FittedModel model, PanelVariable x, List<int>[] byLevel)
    {
        var coef = model.Coefficients.First(t => t.Group == model.FirstGroup.Name);
        bool straight = model.FixedEffectNames.All(n => n == "(Intercept)" || n == x.Name) && model.Groups.Count == 1;
        int a = IndexOf(coef.Columns, "(Intercept)"), b = IndexOf(coef.Columns, x.Name);
        return byLevel.Select((rows, level) =>
        {
            if (straight)
            {
                var (lo, hi) = PlotTheme.Range(rows.Select(r => x.Values[r]));
                double intercept = a >= 0 ? coef.Values[level, a] : 0, slope = b >= 0 ? coef.Values[level, b] : 0;
                return new List<(double, double)> { (lo, intercept + slope * lo), (hi, intercept + slope * hi) };
            }
            return rows.OrderBy(r => x.Values[r]).Select(r => (x.Values[r], model.Fitted[r])).ToList();
        }).ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    private static (double A, double B) CompletePooling(FittedModel model, PanelVariable x)
    {
        var fit = OrdinaryLeastSquares.Fit(SimpleFormula(model, x), model.Data.SelectRows(model.Rows));
        return (fit.Coefficients[0].Estimate, fit.Coefficients.Count > 1 ? fit.Coefficients[1].Estimate : 0);
    }

    private static (double A, double B)?[]? NoPooling(FittedModel model, PanelVariable x, GroupingFactor group)
    {
        if (!model.Data.HasColumn(group.Name)) return null;
        var fit = PerGroupLeastSquares.Fit(SimpleFormula(model, x), model.Data.SelectRows(model.Rows), group.Name);
        var coefficients = fit.Coefficients;
        var index = fit.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return group.Levels.Select(l => index.TryGetValue(l, out int i) && coefficients.GetLength(1) == 2
            ? ((double, double)?)(coefficients[i, 0], coefficients[i, 1]) : null).ToArray();
    }

    internal static string SimpleFormula(FittedModel model, PanelVariable x) => $"{model.ResponseVariable} ~ {x.Name}";
}
