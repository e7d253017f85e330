using System.Text;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit DATA FORMULA [options]</c>: fits a linear mixed model and prints lmerTest's (or lme4's) summary,
/// optionally an ANOVA table and estimated marginal means, or one JSON object with the same sections.
/// </summary>
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
            text.Append("Fits a linear mixed model as lme4's lmer and prints summary() output with lmerTest's t tests (or JSON).\n\n");
            text.Append("  DATA     CSV/TSV file, or a built-in dataset name (see 'mixed datasets')\n");
            text.Append("  FORMULA  lme4 formula, e.g. \"Reaction ~ Days + (Days | Subject)\"\n\n");
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
        var data = DataFrameLoader.Load(options.Data);
        var fit = LinearMixedModel.Fit(options.Formula, data, options.ToModelOptions());
        var inference = ContrastInference.For(fit, options.Ddf ?? DdfMethod.Asymptotic);
        var (means, contrasts) = MarginalMeans(fit, inference, options);
        var results = new FitResults(FixedEffectTests.Compute(fit, inference, options.Level), AnovaTable(fit, inference, options),
            means, contrasts);
        FitOutputFiles.Write(fit, options);
        if (options.Format == OutputFormat.Json) WriteJson(fit, options, results, stdout);
        else WriteText(fit, options, results, stdout);
        return ExitCodes.Success;
    }

    private static AnovaTable? AnovaTable(LinearMixedModelFit fit, IContrastInference inference, FitOptions options) =>
        options.Anova is AnovaType type ? Anova.Compute(fit, type, inference) : null;

    private static (EstimatedMarginalMeans? Means, MarginalContrasts? Contrasts) MarginalMeans(
        LinearMixedModelFit fit, IContrastInference inference, FitOptions options)
    {
        if (options.EmmeansSpecs is null) return (null, null);
        var means = Emmeans.Compute(fit, options.EmmeansSpecs, options.EmmeansBy, inference: inference, level: options.Level);
        var contrasts = options.ContrastFamily is null ? null : means.Contrast(options.ContrastFamily, options.Adjust);
        return (means, contrasts);
    }

    private static void WriteJson(LinearMixedModelFit fit, FitOptions options, FitResults results, TextWriter stdout)
    {
        var report = JsonReport.Build(fit, results.Tests) with
        {
            Ddf = DdfLabel(options.Ddf),
            Level = options.Level,
            Anova = results.Anova is null ? null : AnovaRowReport.From(results.Anova),
            Emmeans = results.Means is null ? null : EmmeansReport.Build(results.Means, results.Contrasts),
        };
        stdout.Write(JsonReport.Serialize(report) + "\n");
    }

    private static void WriteText(LinearMixedModelFit fit, FitOptions options, FitResults results, TextWriter stdout)
    {
        var summary = options.Ddf is null
            ? new LinearMixedModelSummary(fit, options.Data, options.WeightsColumn)
            : new LinearMixedModelSummary(fit, options.Data, options.WeightsColumn, results.Tests,
                options.Ddf == DdfMethod.KenwardRoger ? "Kenward-Roger" : "Satterthwaite");
        summary.WriteTo(stdout);
        if (results.Anova is not null)
            stdout.Write("\n" + AnovaTextReport.Format(results.Anova));
        if (results.Means is not null)
        {
            stdout.Write("\n$emmeans\n" + EmmeansTextReport.Format(results.Means));
            if (results.Contrasts is not null)
                stdout.Write("\n$contrasts\n" + EmmeansTextReport.Format(results.Contrasts));
        }
    }

    private static string DdfLabel(DdfMethod? method) => method switch
    {
        DdfMethod.Satterthwaite => "satterthwaite",
        DdfMethod.KenwardRoger => "kenward-roger",
        _ => "none",
    };
}
