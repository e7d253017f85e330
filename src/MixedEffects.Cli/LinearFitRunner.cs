using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit</c> for a linear mixed model (lme4's lmer): the fit, then each requested section (t tests, ANOVA,
/// marginal means, likelihood-ratio test, intervals), the CSV files, and the text or JSON report.
/// </summary>
internal sealed class LinearFitRunner
{
    private readonly FitOptions _options;
    private readonly DataFrame _data;

    /// <summary>Creates the runner for parsed options and loaded data.</summary>
    public LinearFitRunner(FitOptions options, DataFrame data)
    {
        _options = options;
        _data = data;
    }

    /// <summary>Fits the model and writes the report to <paramref name="stdout"/>.</summary>
    public void Run(TextWriter stdout)
    {
        var fit = LinearMixedModel.Fit(_options.Formula, _data, _options.ToModelOptions());
        var inference = ContrastInference.For(fit, _options.Ddf ?? DdfMethod.Asymptotic);
        var (means, contrasts) = MarginalMeans(fit, inference);
        var results = new FitResults(FixedEffectTests.Compute(fit, inference, _options.Level), AnovaTable(fit, inference),
            means, contrasts);
        var checks = new ModelChecks(Comparison(fit), Intervals(fit));
        FitOutputFiles.Write(fit, _options);
        if (_options.Format == OutputFormat.Json) WriteJson(fit, results, checks, stdout);
        else WriteText(fit, results, checks, stdout);
    }

    private AnovaTable? AnovaTable(LinearMixedModelFit fit, IContrastInference inference) =>
        _options.Anova is AnovaType type ? Anova.Compute(fit, type, inference) : null;

    private (EstimatedMarginalMeans? Means, MarginalContrasts? Contrasts) MarginalMeans(LinearMixedModelFit fit, IContrastInference inference)
    {
        if (_options.EmmeansSpecs is null) return (null, null);
        var means = Emmeans.Compute(fit, _options.EmmeansSpecs, _options.EmmeansBy, inference: inference, level: _options.Level);
        var contrasts = _options.ContrastFamily is null ? null : means.Contrast(_options.ContrastFamily, _options.Adjust);
        return (means, contrasts);
    }

    private ModelComparisonResult? Comparison(LinearMixedModelFit fit) =>
        _options.CompareFormula is null ? null : ModelComparison.Compare(fit, _options.CompareFormula);

    private IReadOnlyList<ConfidenceInterval>? Intervals(LinearMixedModelFit fit)
    {
        switch (_options.Confint)
        {
            case null:
                return null;
            case ConfidenceIntervalMethod.Bootstrap:
                using (var progress = BootstrapProgress.ForTerminal(_options.Nsim))
                    return ConfidenceIntervals.Bootstrap(fit, new BootstrapOptions
                    {
                        Replicates = _options.Nsim,
                        Seed = _options.Seed,
                        Level = _options.Level,
                        Progress = progress,
                    });
            default:
                return ConfidenceIntervals.Compute(fit, _options.Confint.Value, _options.Level);
        }
    }

    private void WriteJson(LinearMixedModelFit fit, FitResults results, ModelChecks checks, TextWriter stdout)
    {
        var report = JsonReport.Build(fit, results.Tests) with
        {
            Ddf = DdfLabel(_options.Ddf),
            Level = _options.Level,
            Anova = results.Anova is null ? null : AnovaRowReport.From(results.Anova),
            Emmeans = results.Means is null ? null : EmmeansReport.Build(results.Means, results.Contrasts),
        };
        stdout.Write(JsonReport.Serialize(ModelChecksReport.AddTo(report, checks)) + "\n");
    }

    private void WriteText(LinearMixedModelFit fit, FitResults results, ModelChecks checks, TextWriter stdout)
    {
        var summary = _options.Ddf is null
            ? new LinearMixedModelSummary(fit, _options.Data, _options.WeightsColumn)
            : new LinearMixedModelSummary(fit, _options.Data, _options.WeightsColumn, results.Tests,
                _options.Ddf == DdfMethod.KenwardRoger ? "Kenward-Roger" : "Satterthwaite");
        summary.WriteTo(stdout);
        if (results.Anova is not null)
            stdout.Write("\n" + AnovaTextReport.Format(results.Anova));
        if (results.Means is not null)
        {
            stdout.Write("\n$emmeans\n" + EmmeansTextReport.Format(results.Means));
            if (results.Contrasts is not null)
                stdout.Write("\n$contrasts\n" + EmmeansTextReport.Format(results.Contrasts));
        }
        ModelChecksReport.WriteText(checks, _options, stdout);
    }

    private static string DdfLabel(DdfMethod? method) => method switch
    {
        DdfMethod.Satterthwaite => "satterthwaite",
        DdfMethod.KenwardRoger => "kenward-roger",
        _ => "none",
    };
}
