using System.CommandLine;

namespace MixedEffects.Cli;

/// <summary>The options <c>mixed plot</c> and <c>mixed report</c> add to those of <c>mixed fit</c>.</summary>
internal sealed class PlotOptions
{
    /// <summary><c>-o FILE</c>: where the figure or report goes.</summary>
    public Option<string?> Output { get; } = CliOption.Value<string?>("-o", "FILE",
        "output file (.svg or .png for plot, .html for report)", v => v, null);

    /// <summary><c>--group</c>.</summary>
    public Option<string?> Group { get; } = CliOption.Value<string?>("--group", "NAME",
        "grouping factor of the caterpillar and residuals-by-group plots (default: the first)", v => v, null);

    /// <summary><c>--parameter</c>.</summary>
    public Option<string?> Parameter { get; } = CliOption.Value<string?>("--parameter", "NAME",
        "parameter of the profile-deviance plot (default: the first standard deviation)", v => v, null);

    /// <summary><c>--profile</c>.</summary>
    public Option<bool> Profile { get; } = CliOption.Flag("--profile", "report: add likelihood profile plots (linear models)");

    /// <summary>All of them, in help order.</summary>
    public IReadOnlyList<Option> All => [Output, Group, Parameter, Profile];
}
