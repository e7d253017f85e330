using System.CommandLine;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Plots;

namespace MixedEffects.Cli;

/// <summary>The options, data and fitted model that <c>mixed plot</c> and <c>mixed report</c> share.</summary>
internal sealed class PlotFitting
{
    private PlotFitting(FitOptions options, Dataset data, string output, ParseResult parsed, PlotOptions plotOptions)
    {
        Options = options;
        Data = data;
        Output = output;
        Group = parsed.GetValue(plotOptions.Group);
        Parameter = parsed.GetValue(plotOptions.Parameter);
        Profile = parsed.Given(plotOptions.Profile);
        if (options.IsGeneralized) Generalized = GeneralizedLinearMixedModel.Fit(options.Formula, data, options.ToGeneralizedModelOptions());
        else Linear = LinearMixedModel.Fit(options.Formula, data, options.ToModelOptions());
        Plots = Linear is not null ? Linear.Plot(data) : Generalized!.Plot(data);
    }

    public FitOptions Options { get; }

    public Dataset Data { get; }

    public string Output { get; }

    public string? Group { get; }

    public string? Parameter { get; }

    public bool Profile { get; }

    public LinearMixedModelFit? Linear { get; }

    public GeneralizedLinearMixedModelFit? Generalized { get; }

    public ModelPlots Plots { get; }

    /// <summary>Checks the output's extension, loads the data and fits the model.</summary>
    public static PlotFitting Fit(ParseResult parsed, FitOptionsParser fit, PlotOptions plot, params string[] extensions)
    {
        var options = fit.Build(parsed);
        string output = parsed.GetValue(plot.Output) ?? throw new CommandLineException("option '-o FILE' is required (where to write)");
        if (!extensions.Contains(Path.GetExtension(output).ToLowerInvariant()))
            throw new CommandLineException($"output '{output}' must end in {string.Join(" or ", extensions)}");
        return new PlotFitting(options, DatasetLoader.Load(options.Data, options.ReadOptions), output, parsed, plot);
    }

    /// <summary>Adds DATA, FORMULA, the fit's options and the plot options to <paramref name="command"/>.</summary>
    public static void Declare(Command command, FitOptionsParser fit, PlotOptions plot)
    {
        command.Arguments.Add(fit.Data);
        command.Arguments.Add(fit.Formula);
        foreach (var option in plot.All) command.Options.Add(option);
        foreach (var option in fit.Options) command.Options.Add(option);
    }
}
