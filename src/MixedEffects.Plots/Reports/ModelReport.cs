using System.Globalization;
using MixedEffects.Data;
using MixedEffects.Distributions;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Plots.Reports;

/// <summary>
/// The HTML report of a fitted model: summary, fixed effects with intervals, variance components, R-squared and ICC,
/// diagnostic plots, random-effects plots, optional likelihood profiles and marginal means. One self-contained page.
/// </summary>
public static class ModelReport
{
    /// <summary>The report of a linear mixed model fitted to <paramref name="data"/> (Satterthwaite t tests, as lmerTest).</summary>
    public static string Build(LinearMixedModelFit fit, Dataset data, ModelReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= new ModelReportOptions();
        var tests = FixedEffectTests.Compute(fit, DdfMethod.Satterthwaite, options.Level);
        var page = Start(fit.Formula, "linear mixed model fit by " + (fit.Method == EstimationMethod.Reml ? "REML" : "maximum likelihood"),
            fit.ObservationCount, fit.GroupCounts, options);
        page.Heading("Summary").Preformatted(string.Join("\n",
            new LinearMixedModelSummary(fit, options.DataName, options.WeightsColumn, tests, "Satterthwaite").Lines()));
        page.Heading("Fixed effects");
        page.Table(["term", "estimate", "std. error", "df", "t", "p", $"{Percent(options.Level)} lower", "upper"],
            tests.Select(t => (IReadOnlyList<string>)[t.Term, N(t.Estimate), N(t.StdError), N(t.Df, "0.00"), N(t.TValue, "0.000"),
                P(t.P), N(t.Lower), N(t.Upper)]));
        VarianceComponents(page, fit.VarianceComponents);
        Explained(page, ExplainedVariance.Compute(fit));
        var plots = fit.Plot(data);
        Diagnostics(page, plots);
        RandomEffects(page, plots);
        if (options.Profiles)
        {
            options.Progress?.Report("profiling the likelihood");
            var profiles = plots.Profiles();
            page.Heading("Likelihood profiles");
            page.Figure(plots.ProfileZeta(profiles)).Figure(plots.ProfileDeviance(null, profiles));
        }
        if (options.EmmeansSpecs is { } specs)
            MarginalMeans(page, Emmeans.Compute(fit, specs, level: options.Level));
        return page.ToString();
    }

    /// <summary>The report of a generalized linear mixed model fitted to <paramref name="data"/> (Wald z tests, as glmer).</summary>
    public static string Build(GeneralizedLinearMixedModelFit fit, Dataset data, ModelReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        options ??= new ModelReportOptions();
        var page = Start(fit.Formula, $"generalized linear mixed model, {fit.Family}", fit.ObservationCount, fit.GroupCounts, options);
        page.Heading("Summary").Preformatted(string.Join("\n",
            new GeneralizedLinearMixedModelSummary(fit, options.DataName, options.WeightsColumn).Lines()));
        double z = ProbabilityFunctions.NormalQuantile((1 + options.Level) / 2);
        page.Heading("Fixed effects (link scale)");
        page.Table(["term", "estimate", "std. error", "z", "p", $"{Percent(options.Level)} lower", "upper"],
            fit.FixedEffects.Select(f => (IReadOnlyList<string>)[f.Term, N(f.Estimate), N(f.StandardError), N(f.Z, "0.000"), P(f.PValue),
                N(f.Estimate - z * f.StandardError), N(f.Estimate + z * f.StandardError)]));
        VarianceComponents(page, fit.VarianceComponents);
        Explained(page, ExplainedVariance.Compute(fit));
        var plots = fit.Plot(data);
        Diagnostics(page, plots);
        page.Figure(plots.BinnedResiduals());
        RandomEffects(page, plots);
        if (options.EmmeansSpecs is { } specs)
            MarginalMeans(page, Emmeans.Compute(fit, specs, level: options.Level, scale: MarginalScale.Response));
        return page.ToString();
    }

    private static HtmlDocument Start(string formula, string kind, int n, IReadOnlyDictionary<string, int> groups, ModelReportOptions options) =>
        new($"Mixed model: {formula}",
            $"{kind}; data: {options.DataName}; {n} observations; " + string.Join(", ", groups.Select(g => $"{g.Value} levels of {g.Key}")));

    private static void VarianceComponents(HtmlDocument page, IReadOnlyList<VarianceComponent> components)
    {
        page.Heading("Variance components");
        var rows = components.Select(c => (IReadOnlyList<string>)[c.Group, c.Term1 ?? "", c.Term2 ?? "", N(c.Vcov), N(c.SdCor)]).ToList();
        page.Table(["group", "term", "with", "variance / covariance", "sd / correlation"], rows);
    }

    private static void Explained(HtmlDocument page, ExplainedVariance v)
    {
        page.Heading("R-squared and intraclass correlation");
        page.Table(["measure", "value"],
        [
            ["marginal R² (fixed effects)", N(v.MarginalRSquared, "0.0000")],
            ["conditional R² (fixed and random effects)", N(v.ConditionalRSquared, "0.0000")],
            ["ICC, adjusted", N(v.AdjustedIcc, "0.0000")],
            ["ICC, unadjusted", N(v.UnadjustedIcc, "0.0000")],
            ["variance of the fixed effects", N(v.FixedVariance)],
            ["random-effects variance", N(v.RandomVariance)],
            ["residual variance", N(v.ResidualVariance)],
        ]);
        page.Paragraph("Nakagawa and Schielzeth's R² and the ICC as R's performance::r2_nakagawa and performance::icc compute them.");
    }

    private static void Diagnostics(HtmlDocument page, ModelPlots plots)
    {
        page.Heading("Diagnostics");
        page.Figure(plots.ResidualsVsFitted()).Figure(plots.ResidualQq()).Figure(plots.ResidualsByGroup());
    }

    private static void RandomEffects(HtmlDocument page, ModelPlots plots)
    {
        page.Heading("Random effects");
        foreach (var figure in plots.Caterpillars()) page.Figure(figure);
        page.Figure(plots.RandomEffectsQq());
        page.Heading("Groups", 3);
        if (plots.IsGeneralized)
        {
            page.Figure(plots.FittedByGroup());
            return;
        }
        Optional(page, () => plots.Pooling());
        Optional(page, plots.Shrinkage);
    }

    private static void Optional(HtmlDocument page, Func<Figure> draw)
    {
        try
        {
            page.Figure(draw());
        }
        catch (PlotException e)
        {
            page.Paragraph($"Not drawn: {e.Message}.");
        }
    }

    private static void MarginalMeans(HtmlDocument page, EstimatedMarginalMeans means)
    {
        page.Heading("Estimated marginal means");
        var variables = means.PrimaryVariables.Concat(means.ByVariables).ToArray();
        page.Table([.. variables, means.EstimateName, "SE", "df", "lower", "upper"],
            means.Rows.Select(r => (IReadOnlyList<string>)[.. variables.Select(v => r.Levels[v]), N(r.Estimate), N(r.StandardError),
                N(r.DegreesOfFreedom, "0.00"), N(r.Lower), N(r.Upper)]));
        page.Figure(MarginalMeansPlots.Means(means));
        if (variables.Length >= 2) page.Figure(MarginalMeansPlots.Interaction(means));
    }

    private static string Percent(double level) => (100 * level).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string N(double value, string format = "G6") =>
        double.IsPositiveInfinity(value) ? "Inf" : double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "NA";

    private static string P(double p) => p < 1e-4 ? p.ToString("0.0e+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
