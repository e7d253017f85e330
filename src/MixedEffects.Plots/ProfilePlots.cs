using MixedEffects.Distributions;
using MixedEffects.Inference;
using OxyPlot;

namespace MixedEffects.Plots;

/// <summary>
/// Likelihood profile plots: zeta against each parameter (lme4's <c>xyplot(profile(m))</c>, straight lines for a
/// quadratic log-likelihood), and the deviance increase of one variance parameter with its 95% cut-off.
/// </summary>
internal static class ProfilePlots
{
    private static readonly double Z95 = ProbabilityFunctions.NormalQuantile(0.975);

    public static Figure Zeta(IReadOnlyList<ParameterProfile> profiles)
    {
        var panels = profiles.Select((p, i) =>
        {
            var panel = PlotTheme.Panel(null, p.Parameter, i % 4 == 0 ? "zeta" : null, new OxyThickness(44, 4, 10, 40));
            panel.Annotations.Add(PlotTheme.Horizontal(Z95));
            panel.Annotations.Add(PlotTheme.Horizontal(-Z95));
            panel.Annotations.Add(PlotTheme.Vertical(p.Estimate));
            panel.Series.Add(PlotTheme.Line(p.Points.Select(q => (q.Value, q.Zeta)), PlotTheme.Mixed, LineStyle.Solid, 1.6));
            panel.Series.Add(PlotTheme.Points(p.Points.Select(q => (q.Value, q.Zeta)), PlotTheme.Mixed, 2));
            return panel;
        }).ToList();
        return new Figure("Profile zeta plots", panels, Math.Min(4, panels.Count), 260, 230,
            "Dashed horizontal lines: zeta = ±1.96 (95% profile interval); vertical line: the ML estimate.");
    }

    public static Figure Deviance(IReadOnlyList<ParameterProfile> profiles, string? parameter)
    {
        var profile = parameter is null
            ? profiles.FirstOrDefault(p => p.IsStandardDeviation) ?? profiles[0]
            : profiles.FirstOrDefault(p => p.Parameter == parameter)
              ?? throw new PlotException($"'{parameter}' is not a profiled parameter (parameters: {string.Join(", ", profiles.Select(p => p.Parameter))})");
        var panel = PlotTheme.Panel(null, profile.Parameter, "deviance increase over the ML optimum", new OxyThickness(56, 6, 10, 42));
        panel.Annotations.Add(PlotTheme.Horizontal(Z95 * Z95));
        panel.Annotations.Add(PlotTheme.Vertical(profile.Estimate));
        var curve = profile.Points.Select(q => (q.Value, q.Zeta * q.Zeta)).ToArray();
        panel.Series.Add(PlotTheme.Line(curve, PlotTheme.Mixed, LineStyle.Solid, 1.8));
        panel.Series.Add(PlotTheme.Points(curve, PlotTheme.Mixed, 2.2));
        return new Figure($"Profile deviance of {profile.Parameter}", [panel], 1, 560, 380,
            "Dashed horizontal line: 3.84, the 95% point of chi-squared(1); where the curve crosses it are the profile interval's bounds.");
    }
}
