using MixedEffects.Data;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit --family ...</c>: fits a generalized linear mixed model (lme4's glmer), computes the requested
/// marginal means, likelihood-ratio test and Wald intervals, writes the CSV files and glmer's summary or the JSON report.
/// </summary>
internal sealed class GeneralizedFitRunner
{
    private readonly FitOptions _options;
    private readonly DataFrame _data;

    /// <summary>Creates the runner for parsed options and loaded data.</summary>
    public GeneralizedFitRunner(FitOptions options, DataFrame data)
    {
        _options = options;
        _data = data;
    }

    /// <summary>Fits the model and writes the report to <paramref name="stdout"/>.</summary>
    public void Run(TextWriter stdout)
    {
        var fit = GeneralizedLinearMixedModel.Fit(_options.Formula, _data, _options.ToGeneralizedModelOptions());
        var (means, contrasts) = MarginalMeans(fit);
        var checks = GeneralizedModelChecks.Compute(fit, _data, _options);
        FitOutputFiles.Write(fit, _options);
        if (_options.Format == OutputFormat.Json) WriteJson(fit, means, contrasts, checks, stdout);
        else WriteText(fit, means, contrasts, checks, stdout);
    }

    private (EstimatedMarginalMeans? Means, MarginalContrasts? Contrasts) MarginalMeans(GeneralizedLinearMixedModelFit fit)
    {
        if (_options.EmmeansSpecs is null) return (null, null);
        var means = Emmeans.Compute(fit, _options.EmmeansSpecs, _options.EmmeansBy, level: _options.Level, scale: _options.MeansScale);
        var contrasts = _options.ContrastFamily is null ? null : means.Contrast(_options.ContrastFamily, _options.Adjust);
        return (means, contrasts);
    }

    private void WriteJson(GeneralizedLinearMixedModelFit fit, EstimatedMarginalMeans? means, MarginalContrasts? contrasts,
        ModelChecks checks, TextWriter stdout)
    {
        var report = JsonReport.Build(fit, _options.Level) with
        {
            Emmeans = means is null ? null : EmmeansReport.Build(means, contrasts),
        };
        stdout.Write(JsonReport.Serialize(ModelChecksReport.AddTo(report, checks)) + "\n");
    }

    private void WriteText(GeneralizedLinearMixedModelFit fit, EstimatedMarginalMeans? means, MarginalContrasts? contrasts,
        ModelChecks checks, TextWriter stdout)
    {
        new GeneralizedLinearMixedModelSummary(fit, _options.Data, _options.WeightsColumn).WriteTo(stdout);
        if (means is not null)
        {
            stdout.Write("\n$emmeans\n" + EmmeansTextReport.Format(means));
            if (contrasts is not null) stdout.Write("\n$contrasts\n" + EmmeansTextReport.Format(contrasts));
        }
        ModelChecksReport.WriteText(checks, _options, stdout);
    }
}
