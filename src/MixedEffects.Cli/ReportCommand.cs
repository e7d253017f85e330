using System.CommandLine;
using MixedEffects.Plots;
using MixedEffects.Plots.Reports;

namespace MixedEffects.Cli;

/// <summary><c>mixed report DATA FORMULA [fit options] -o report.html</c>: fits the model and writes one self-contained HTML report.</summary>
internal sealed class ReportCommand : DocumentedCommand
{
    private readonly FitOptionsParser _fit = new();
    private readonly PlotOptions _plot = new();

    /// <summary>Declares the command.</summary>
    public ReportCommand() : base("report", "fit a model and write a self-contained HTML report with its plots",
        "Writes one HTML file to -o FILE (inline SVG and CSS, no external reference): summary, fixed effects with intervals,\n"
        + "variance components, R-squared and ICC, diagnostic and random-effects plots, marginal means with --emmeans,\n"
        + "likelihood profiles with --profile.")
    {
        PlotFitting.Declare(this, _fit, _plot);
        SetAction(Run);
    }

    /// <inheritdoc/>
    public override string ExtraArgumentHint => " (quote the formula as one argument)";

    private int Run(ParseResult parsed)
    {
        using var progress = StepProgress.ForTerminal("report");
        progress?.Report("fitting the model");
        var run = PlotFitting.Fit(parsed, _fit, _plot, ".html", ".htm");
        progress?.Report("drawing the plots");
        var options = new ModelReportOptions
        {
            DataName = run.Options.Data, WeightsColumn = run.Options.WeightsColumn, Level = run.Options.Level,
            EmmeansSpecs = run.Options.EmmeansSpecs, Profiles = run.Profile, Progress = progress,
        };
        string html = run.Linear is not null ? ModelReport.Build(run.Linear, run.Data, options) : ModelReport.Build(run.Generalized!, run.Data, options);
        try
        {
            File.WriteAllText(run.Output, html);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotException($"cannot write '{run.Output}': {e.Message}");
        }
        return ExitCodes.Success;
    }
}
