using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit --family ...</c>: fits a generalized linear mixed model (lme4's glmer), computes the requested
/// marginal means, likelihood-ratio test and Wald intervals, writes the CSV files and glmer's summary or the JSON report.
/// </summary>
internal sealed class GeneralizedFitRunner(FitOptions options, Dataset data) : FitRunner(options, data)
{
    /// <inheritdoc/>
    public override void Run(TextWriter stdout)
    {
        GeneralizedLinearMixedModelFit fit;
        using (var progress = FitProgressLine.ForTerminal("deviance"))
            fit = GeneralizedLinearMixedModel.Fit(Options.Formula, Data, Options.ToGeneralizedModelOptions() with { Progress = progress });
        var means = MarginalMeansSection.Compute(Options, () =>
            Emmeans.Compute(fit, Options.EmmeansSpecs!, Options.EmmeansBy, level: Options.Level, scale: Options.MeansScale));
        var checks = GeneralizedModelChecks.Compute(fit, Data, Options);
        FitOutputFiles.Write(fit, Options);
        ResultTables.Write(Options, means, null, checks.Comparison);
        WriteReport(means, checks, () => JsonReport.Build(fit, Options.Level) with { R2 = Options.R2 ? ExplainedVarianceReport.From(ExplainedVariance.Compute(fit)) : null },
            text =>
            {
                new GeneralizedLinearMixedModelSummary(fit, Options.Data, Options.WeightsColumn).WriteTo(text);
                if (Options.R2) text.Write("\n" + ExplainedVarianceReport.TextLine(ExplainedVariance.Compute(fit)));
            }, stdout);
    }
}
