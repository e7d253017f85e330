using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MixedEffects.Plots;

/// <summary>The look shared by every panel (lattice-like: light grid, strip title, muted colours) and the series makers.</summary>
internal static class PlotTheme
{
    public static readonly OxyColor Data = OxyColor.FromRgb(0x55, 0x6b, 0x8a);
    public static readonly OxyColor Mixed = OxyColor.FromRgb(0x1f, 0x4e, 0x9c);
    public static readonly OxyColor Pooled = OxyColor.FromRgb(0xc0, 0x39, 0x2b);
    public static readonly OxyColor PerGroup = OxyColor.FromRgb(0x2e, 0x8b, 0x57);
    public static readonly OxyColor Reference = OxyColor.FromRgb(0x88, 0x88, 0x88);
    public static readonly OxyColor Interval = OxyColor.FromRgb(0x4a, 0x6f, 0xa5);
    public static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0x1f, 0x77, 0xb4), OxyColor.FromRgb(0xd6, 0x27, 0x28), OxyColor.FromRgb(0x2c, 0xa0, 0x2c),
        OxyColor.FromRgb(0xff, 0x7f, 0x0e), OxyColor.FromRgb(0x94, 0x67, 0xbd), OxyColor.FromRgb(0x8c, 0x56, 0x4b),
        OxyColor.FromRgb(0xe3, 0x77, 0xc2), OxyColor.FromRgb(0x7f, 0x7f, 0x7f),
    ];

    private static readonly OxyColor Grid = OxyColor.FromRgb(0xe6, 0xe6, 0xe6);
    private const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";

    /// <summary>A panel with a strip title and linear axes; axis titles are left out when null (inner panels of a grid).</summary>
    public static PlotModel Panel(string? title, string? xTitle, string? yTitle, OxyThickness? margins = null)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 12,
            TitleFontWeight = FontWeights.Normal,
            DefaultFont = Font,
            DefaultFontSize = 11,
            Background = OxyColors.White,
            PlotAreaBorderColor = OxyColor.FromRgb(0x99, 0x99, 0x99),
            Padding = new OxyThickness(4),
            TitlePadding = 3,
        };
        if (margins is { } m) model.PlotMargins = m;
        model.Axes.Add(Axis(AxisPosition.Bottom, xTitle));
        model.Axes.Add(Axis(AxisPosition.Left, yTitle));
        return model;
    }

    public static LinearAxis Axis(AxisPosition position, string? title) => new()
    {
        Position = position,
        Title = title,
        MajorGridlineStyle = LineStyle.Solid,
        MajorGridlineColor = Grid,
        MinorTickSize = 0,
        MaximumPadding = 0.06,
        MinimumPadding = 0.06,
        IsZoomEnabled = false,
        IsPanEnabled = false,
        AxisTitleDistance = 4,
    };

    public static LinearAxis XAxis(PlotModel model) => (LinearAxis)model.Axes.First(a => a.Position == AxisPosition.Bottom);

    public static LinearAxis YAxis(PlotModel model) => (LinearAxis)model.Axes.First(a => a.Position == AxisPosition.Left);

    /// <summary>Fixes both axes' ranges (shared scales across the panels of a grid, as lattice's default).</summary>
    public static void Limits(PlotModel model, (double Min, double Max) x, (double Min, double Max) y)
    {
        SetRange(XAxis(model), x);
        SetRange(YAxis(model), y);
    }

    private static void SetRange(LinearAxis axis, (double Min, double Max) range)
    {
        double pad = range.Max > range.Min ? 0.05 * (range.Max - range.Min) : Math.Max(1, Math.Abs(range.Min) * 0.1);
        axis.Minimum = range.Min - pad;
        axis.Maximum = range.Max + pad;
    }

    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return double.IsFinite(min) ? (min, max) : (0, 1);
    }

    public static ScatterSeries Points(IEnumerable<(double X, double Y)> points, OxyColor color, double size = 2.5, string? title = null)
    {
        var series = new ScatterSeries { MarkerType = MarkerType.Circle, MarkerSize = size, MarkerFill = color, MarkerStrokeThickness = 0, Title = title };
        foreach (var (x, y) in points) series.Points.Add(new ScatterPoint(x, y));
        return series;
    }

    /// <summary>A marker colour that stays readable when many points overlap: translucent above 1000 points.</summary>
    public static OxyColor Dense(OxyColor color, int points) => points > 1000 ? OxyColor.FromAColor(110, color) : color;

    /// <summary>Marker size for a scatter of <paramref name="points"/> points.</summary>
    public static double DenseSize(int points) => points > 2000 ? 1.4 : points > 500 ? 1.8 : 2.4;

    public static LineSeries Line(IEnumerable<(double X, double Y)> points, OxyColor color, LineStyle style = LineStyle.Solid,
        double thickness = 1.6, string? title = null)
    {
        var series = new LineSeries { Color = color, LineStyle = style, StrokeThickness = thickness, Title = title, MarkerType = MarkerType.None };
        foreach (var (x, y) in points) series.Points.Add(new DataPoint(x, y));
        return series;
    }

    public static LineAnnotation Horizontal(double y) =>
        new() { Type = LineAnnotationType.Horizontal, Y = y, Color = Reference, LineStyle = LineStyle.Dash, StrokeThickness = 1 };

    public static LineAnnotation Vertical(double x) =>
        new() { Type = LineAnnotationType.Vertical, X = x, Color = Reference, LineStyle = LineStyle.Dash, StrokeThickness = 1 };

    public static void AddLegend(PlotModel model, LegendPosition position = LegendPosition.TopLeft) =>
        model.Legends.Add(new Legend
        {
            LegendPosition = position,
            LegendPlacement = LegendPlacement.Inside,
            LegendFontSize = 10,
            LegendBackground = OxyColor.FromAColor(220, OxyColors.White),
            LegendBorder = OxyColor.FromRgb(0xcc, 0xcc, 0xcc),
            LegendPadding = 3,
            LegendItemSpacing = 6,
            LegendSymbolLength = 18,
        });

    /// <summary>Labels integer positions of an axis with names (factor levels), every position or none when too many.</summary>
    public static void Categories(LinearAxis axis, IReadOnlyList<string> names, int maxLabels = 60, int? count = null)
    {
        axis.MajorStep = 1;
        axis.MinorStep = 1;
        axis.MajorGridlineStyle = LineStyle.None;
        axis.LabelFormatter = v =>
        {
            int i = (int)Math.Round(v);
            return names.Count <= maxLabels && Math.Abs(v - i) < 1e-9 && i >= 0 && i < names.Count ? names[i] : "";
        };
        axis.Minimum = -0.6;
        axis.Maximum = (count ?? names.Count) - 0.4;
    }

    /// <summary>Grid columns for <paramref name="count"/> panels: about 1.5 times as many columns as rows.</summary>
    public static int GridColumns(int count, int maxColumns = 6) =>
        Math.Clamp((int)Math.Ceiling(Math.Sqrt(count * 1.5)), 1, maxColumns);
}
