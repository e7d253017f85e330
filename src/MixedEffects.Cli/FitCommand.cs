using System.CommandLine;
using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit DATA FORMULA [options]</c>: fits a linear mixed model (or, with <c>--family</c>, a generalized one)
/// and prints lme4's summary with the requested sections, or one JSON object with the same sections. Its arguments
/// and options are declared in <see cref="FitOptionsParser"/>.
/// </summary>
internal sealed class FitCommand : DocumentedCommand
{
    private readonly FitOptionsParser _parser = new();

    /// <summary>Creates the command with its arguments and options.</summary>
    public FitCommand() : base("fit", "fit a linear or generalized linear mixed model and print its summary",
        "Fits a linear mixed model as lme4's lmer and prints summary() output with lmerTest's t tests (or JSON).\n"
        + "With --family, fits a generalized linear mixed model as lme4's glmer (Wald z tests).")
    {
        Arguments.Add(_parser.Data);
        Arguments.Add(_parser.Formula);
        foreach (var option in _parser.Options) Options.Add(option);
        SetAction(Run);
    }

    /// <inheritdoc/>
    public override string ExtraArgumentHint => " (quote the formula as one argument)";

    private int Run(ParseResult parsed)
    {
        var options = _parser.Build(parsed);
        if (options.IsSql)
        {
            new SqlFitRunner(options).Run(parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
            return ExitCodes.Success;
        }
        var data = _parser.DataOptions.Apply(DatasetLoader.Load(options.Data, options.ReadOptions), parsed);
        FitRunner runner = options.IsGeneralized ? new GeneralizedFitRunner(options, data) : new LinearFitRunner(options, data);
        runner.Run(parsed.InvocationConfiguration.Output);
        return ExitCodes.Success;
    }
}
