using System.CommandLine;
using MixedEffects.Marginal;
using MixedEffects.Plots;

namespace MixedEffects.Cli;

/// <summary><c>mixed plot KIND DATA FORMULA [fit options] -o FILE.svg|FILE.png</c>: fits the model and draws one figure.</summary>
internal sealed class PlotCommand : DocumentedCommand
{
    private static readonly (string Kind, string Description)[] Kinds =
    [
        ("pooling", "per-group panels: data, mixed-model line, complete- and no-pooling lines"),
        ("shrinkage", "per-group least-squares estimates against conditional coefficients"),
        ("caterpillar", "conditional modes with intervals at --level, sorted (--group)"),
        ("residuals", "residuals against fitted values"),
        ("qq", "normal QQ plot of the residuals"),
        ("ranef-qq", "normal QQ plots of each random effect"),
        ("residuals-by-group", "box plots of the residuals by group (--group)"),
        ("profile", "likelihood profile zeta plots of every parameter (linear models)"),
        ("profile-deviance", "profile deviance of a variance parameter (--parameter)"),
        ("emmeans", "marginal means with confidence intervals (needs --emmeans)"),
        ("emmip", "interaction plot of two factors' marginal means (needs --emmeans \"a * b\")"),
        ("binned-residuals", "binned residuals against fitted values (generalized models)"),
        ("fitted-by-group", "observed and fitted probability, rate or response by group"),
    ];

    private readonly FitOptionsParser _fit = new();
    private readonly PlotOptions _plot = new();
    private readonly Argument<string> _kind = new("KIND")
    {
        Description = "what to draw: " + string.Join(", ", Kinds.Select(k => k.Kind)),
        CompletionSources = { Kinds.Select(k => k.Kind).ToArray() },
    };

    /// <summary>Declares the command.</summary>
    public PlotCommand() : base("plot", "fit a model and draw one figure as SVG or PNG",
        "Fits the model as 'mixed fit' does and writes one figure to -o FILE (.svg or .png). KIND is one of:\n"
        + string.Join("\n", Kinds.Select(k => $"  {k.Kind,-20}{k.Description}")))
    {
        Arguments.Add(_kind);
        PlotFitting.Declare(this, _fit, _plot);
        SetAction(Run);
    }

    /// <inheritdoc/>
    public override string ExtraArgumentHint => " (quote the formula as one argument)";

    private int Run(ParseResult parsed)
    {
        string kind = parsed.GetRequiredValue(_kind);
        if (!Kinds.Any(k => k.Kind == kind))
            throw new CommandLineException($"unknown plot kind '{kind}' (kinds: {string.Join(", ", Kinds.Select(k => k.Kind))})");
        var run = PlotFitting.Fit(parsed, _fit, _plot, ".svg", ".png");
        Draw(kind, run).Save(run.Output);
        return ExitCodes.Success;
    }

    private static Figure Draw(string kind, PlotFitting run)
    {
        var plots = run.Plots;
        return kind switch
        {
            "pooling" => plots.Pooling(),
            "shrinkage" => plots.Shrinkage(),
            "caterpillar" => plots.Caterpillar(run.Group, run.Options.Level),
            "residuals" => plots.ResidualsVsFitted(),
            "qq" => plots.ResidualQq(),
            "ranef-qq" => plots.RandomEffectsQq(),
            "residuals-by-group" => plots.ResidualsByGroup(run.Group),
            "profile" => WithProgress(() => plots.ProfileZeta()),
            "profile-deviance" => WithProgress(() => plots.ProfileDeviance(run.Parameter)),
            "emmeans" => MarginalMeansPlots.Means(Means(run)),
            "emmip" => MarginalMeansPlots.Interaction(Means(run)),
            "binned-residuals" => plots.BinnedResiduals(),
            _ => plots.FittedByGroup(),
        };
    }

    private static Figure WithProgress(Func<Figure> draw)
    {
        using var progress = StepProgress.ForTerminal("plot");
        progress?.Report("profiling the likelihood");
        return draw();
    }

    private static EstimatedMarginalMeans Means(PlotFitting run)
    {
        string specs = run.Options.EmmeansSpecs ?? throw new CommandLineException("this plot needs '--emmeans SPECS', e.g. --emmeans \"task * stimulus\"");
        return run.Linear is not null
            ? Emmeans.Compute(run.Linear, specs, run.Options.EmmeansBy, level: run.Options.Level)
            : Emmeans.Compute(run.Generalized!, specs, run.Options.EmmeansBy, level: run.Options.Level, scale: run.Options.MeansScale);
    }
}
