using System.Text;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary><c>mixed fit DATA FORMULA [options]</c>: fits a linear mixed model and prints lme4's summary or JSON.</summary>
internal sealed class FitCommand : ICommand
{
    /// <inheritdoc/>
    public string Name => "fit";

    /// <inheritdoc/>
    public string Summary => "fit a linear mixed model and print its summary";

    /// <inheritdoc/>
    public string Help
    {
        get
        {
            var text = new StringBuilder();
            text.Append("usage: mixed fit DATA FORMULA [options]\n\n");
            text.Append("Fits a linear mixed model as lme4's lmer and prints summary() output (or JSON).\n\n");
            text.Append("  DATA     CSV/TSV file, or a built-in dataset name (see 'mixed datasets')\n");
            text.Append("  FORMULA  lme4 formula, e.g. \"Reaction ~ Days + (Days | Subject)\"\n\n");
            text.Append("options:\n");
            foreach (var o in FitOptionsParser.Options)
            {
                string left = o.ValueName is null ? o.Name : $"{o.Name} {o.ValueName}";
                text.Append("  ").Append(left.PadRight(34)).Append(o.Description).Append('\n');
            }
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
        var data = DataFrameLoader.Load(options.Data);
        var fit = LinearMixedModel.Fit(options.Formula, data, options.ToModelOptions());
        FitOutputFiles.Write(fit, options);
        if (options.Format == OutputFormat.Json)
            stdout.Write(JsonReport.Serialize(fit) + "\n");
        else
            new LinearMixedModelSummary(fit, options.Data, options.WeightsColumn).WriteTo(stdout);
        return ExitCodes.Success;
    }
}
