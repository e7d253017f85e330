using MixedEffects.Distributions;
using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>Normal quantile-quantile plots (R's <c>qqnorm</c> with <c>qqline</c>): of the residuals, and of each random effect.</summary>
internal static class QuantilePlots
{
    public static Figure Residuals(FittedModel model)
    {
        var panel = Panel("Residuals", model.Residuals, model.ResidualName, withYTitle: true);
        return new Figure("Normal QQ plot of the residuals", [panel], 1, 460, 380);
    }

    public static Figure RandomEffects(FittedModel model)
    {
        var panels = new List<PlotModel>();
        foreach (var table in model.RandomEffects)
            for (int c = 0; c < table.Columns.Count; c++)
            {
                var values = Enumerable.Range(0, table.Levels.Count).Select(l => table.Values[l, c]).ToArray();
                panels.Add(Panel($"{table.Group}: {table.Columns[c]}", values, "conditional mode", panels.Count == 0));
            }
        return new Figure("Normal QQ plots of the random effects", panels, Math.Min(panels.Count, 3), 330, 300);
    }

    private static PlotModel Panel(string title, double[] values, string yTitle, bool withYTitle)
    {
        var sorted = values.Where(double.IsFinite).OrderBy(v => v).ToArray();
        var theoretical = NormalScores(sorted.Length);
        var panel = PlotTheme.Panel(title, "normal quantiles", withYTitle ? yTitle : null, new OxyThickness(56, 2, 10, 38));
        if (sorted.Length >= 2)
        {
            double q1 = Quantile(sorted, 0.25), q3 = Quantile(sorted, 0.75);
            double z1 = ProbabilityFunctions.NormalQuantile(0.25), z3 = ProbabilityFunctions.NormalQuantile(0.75);
            double slope = (q3 - q1) / (z3 - z1), intercept = q1 - slope * z1;
            double lo = theoretical[0], hi = theoretical[^1];
            panel.Series.Add(PlotTheme.Line([(lo, intercept + slope * lo), (hi, intercept + slope * hi)], PlotTheme.Pooled, LineStyle.Dash, 1.2));
        }
        panel.Series.Add(PlotTheme.Points(theoretical.Zip(sorted), PlotTheme.Dense(PlotTheme.Mixed, sorted.Length), PlotTheme.DenseSize(sorted.Length)));
        return panel;
    }

    /// <summary>R's <c>qnorm(ppoints(n))</c>: plotting positions (i - a) / (n + 1 - 2a), a = 3/8 for n up to 10, else 1/2.</summary>
    public static double[] NormalScores(int n)
    {
        double a = n <= 10 ? 3.0 / 8 : 0.5;
        return Enumerable.Range(1, n).Select(i => ProbabilityFunctions.NormalQuantile((i - a) / (n + 1 - 2 * a))).ToArray();
    }

    /// <summary>R's default (type 7) quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }
}
