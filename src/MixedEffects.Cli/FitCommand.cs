using System.Text;
using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit DATA FORMULA [options]</c>: fits a linear mixed model (or, with <c>--family</c>, a generalized one)
/// and prints lme4's summary with the requested sections, or one JSON object with the same sections.
/// </summary>
internal sealed class FitCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "fit";

    /// <inheritdoc/>
    public string Summary => "fit a linear or generalized linear mixed model and print its summary";

    /// <inheritdoc/>
    public string Help
    {
        get
        {
            var text = new StringBuilder();
            text.Append("usage: mixed fit DATA FORMULA [options]\n\n");
            text.Append("Fits a linear mixed model as lme4's lmer and prints summary() output with lmerTest's t tests (or JSON).\n");
            text.Append("With --family, fits a generalized linear mixed model as lme4's glmer (Wald z tests).\n\n");
            text.Append("  DATA     CSV/TSV file, or a built-in dataset name (see 'mixed datasets')\n");
            text.Append("  FORMULA  lme4 formula, e.g. \"Reaction ~ Days + (Days | Subject)\" or\n");
            text.Append("           \"cbind(incidence, size - incidence) ~ period + (1 | herd)\" with --family binomial\n\n");
            text.Append("options:\n");
            foreach (var o in FitOptionsParser.Options)
                text.Append("  ").Append(o.Usage.PadRight(34)).Append(o.Description).Append('\n');
            return text.ToString();
        }
    }

    /// <inheritdoc/>
    public int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = ArgumentParser.Parse(args, FitOptionsParser.Options, Name);
        if (parsed.Has("--help"))
        {
            stdout.Write(Help);
            return ExitCodes.Success;
        }
        var options = FitOptionsParser.Build(parsed);
        var data = DatasetLoader.Load(options.Data);
        FitRunner runner = options.IsGeneralized ? new GeneralizedFitRunner(options, data) : new LinearFitRunner(options, data);
        runner.Run(stdout);
        return ExitCodes.Success;
    }
}
