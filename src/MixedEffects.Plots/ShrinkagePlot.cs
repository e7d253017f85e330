using MixedEffects.Inference;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Series;

namespace MixedEffects.Plots;

/// <summary>
/// The shrinkage plot: each group's own least-squares estimates (no pooling) against its conditional coefficients
/// from the mixed model, with an arrow from one to the other, and the population (fixed-effect) estimate.
/// With a random intercept only, the group's mean of the response is drawn against its conditional intercept.
/// </summary>
internal static class ShrinkagePlot
{
    public static Figure Draw(FittedModel model)
    {
        if (model.Linear is null) throw new PlotException("a shrinkage plot needs a linear mixed model");
        var group = model.FirstGroup;
        var coef = model.Coefficients.First(t => t.Group == group.Name);
        if (!model.Data.HasColumn(group.Name))
            throw new PlotException($"a shrinkage plot needs the grouping factor '{group.Name}' as a column of the data");
        var random = model.RandomEffects.First(t => t.Group == group.Name).Columns;
        int intercept = Column(coef, random[0]);
        return random.Count >= 2 && random[0] == "(Intercept)" && model.Data.HasColumn(random[1])
            ? TwoDimensional(model, group, coef, intercept, Column(coef, random[1]))
            : OneDimensional(model, group, coef, intercept);
    }

    private static int Column(Models.RandomEffectsTable coef, string name)
    {
        for (int c = 0; c < coef.Columns.Count; c++) if (coef.Columns[c] == name) return c;
        throw new PlotException($"the coefficients of '{coef.Group}' have no column '{name}'");
    }

    private static Figure TwoDimensional(FittedModel model, GroupingFactor group, Models.RandomEffectsTable coef, int a, int b)
    {
        string slope = coef.Columns[b];
        var ols = PerGroupLeastSquares.Fit($"{model.ResponseVariable} ~ {slope}", model.Data.SelectRows(model.Rows), group.Name);
        var own = Align(ols, group, 2);
        var panel = PlotTheme.Panel(null, coef.Columns[a], slope, new OxyThickness(56, 6, 10, 42));
        var mixed = Enumerable.Range(0, group.Levels.Count).Select(l => (coef.Values[l, a], coef.Values[l, b])).ToArray();
        AddArrows(panel, own, mixed);
        panel.Series.Add(PlotTheme.Points(own.Where(p => p is not null).Select(p => p!.Value), PlotTheme.PerGroup, 3, "no pooling (own OLS)"));
        panel.Series.Add(PlotTheme.Points(mixed, PlotTheme.Mixed, 3, "mixed model (conditional)"));
        panel.Series.Add(new ScatterSeries { MarkerType = MarkerType.Cross, MarkerSize = 7, MarkerStroke = PlotTheme.Pooled,
            MarkerStrokeThickness = 2.5, Title = "population (fixed effects)",
            ItemsSource = new[] { new ScatterPoint(Estimate(model, "(Intercept)"), Estimate(model, slope)) } });
        PlotTheme.AddLegend(panel, OxyPlot.Legends.LegendPosition.TopRight);
        return new Figure($"Shrinkage: {group.Name} coefficients", [panel], 1, 620, 480);
    }

    private static Figure OneDimensional(FittedModel model, GroupingFactor group, Models.RandomEffectsTable coef, int a)
    {
        var ols = PerGroupLeastSquares.Fit($"{model.ResponseVariable} ~ 1", model.Data.SelectRows(model.Rows), group.Name);
        var own = Align(ols, group, 1);
        var panel = PlotTheme.Panel(null, $"group mean of {model.ResponseName} (no pooling)", $"conditional {coef.Columns[a]} (mixed model)",
            new OxyThickness(56, 6, 10, 42));
        var pairs = Enumerable.Range(0, group.Levels.Count).Where(l => own[l] is not null)
            .Select(l => (own[l]!.Value.X, coef.Values[l, a])).ToArray();
        var range = PlotTheme.Range(pairs.SelectMany(p => new[] { p.X, p.Item2 }));
        panel.Series.Add(PlotTheme.Line([(range.Min, range.Min), (range.Max, range.Max)], PlotTheme.Reference, LineStyle.Dash, 1, "no shrinkage (y = x)"));
        panel.Annotations.Add(PlotTheme.Horizontal(Estimate(model, coef.Columns[a])));
        panel.Series.Add(PlotTheme.Points(pairs, PlotTheme.Mixed, 3, "groups"));
        PlotTheme.AddLegend(panel);
        return new Figure($"Shrinkage: {group.Name} {coef.Columns[a]}", [panel], 1, 620, 480);
    }

    private static void AddArrows(PlotModel panel, (double X, double Y)?[] from, (double, double)[] to)
    {
        for (int l = 0; l < to.Length; l++)
        {
            if (from[l] is not { } f) continue;
            panel.Annotations.Add(new ArrowAnnotation
            {
                StartPoint = new DataPoint(f.X, f.Y), EndPoint = new DataPoint(to[l].Item1, to[l].Item2),
                Color = OxyColor.FromAColor(150, PlotTheme.Reference), StrokeThickness = 1, HeadLength = 6, HeadWidth = 2.5,
                Layer = AnnotationLayer.BelowSeries,
            });
        }
    }

    /// <summary>Each level's own least-squares coefficients (first two columns) in the model's level order; null where the group has none.</summary>
    private static (double X, double Y)?[] Align(PerGroupLeastSquaresFit ols, GroupingFactor group, int columns)
    {
        var values = ols.Coefficients;
        var index = ols.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return group.Levels.Select(l =>
        {
            if (!index.TryGetValue(l, out int i)) return ((double, double)?)null;
            double x = values[i, 0], y = columns > 1 ? values[i, 1] : 0;
            return double.IsFinite(x) && double.IsFinite(y) ? (x, y) : null;
        }).ToArray();
    }

    private static double Estimate(FittedModel model, string name)
    {
        for (int i = 0; i < model.FixedEffectNames.Count; i++)
            if (model.FixedEffectNames[i] == name) return model.FixedEffectEstimates[i];
        return 0;
    }
}
