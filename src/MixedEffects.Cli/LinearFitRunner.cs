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
internal sealed class LinearFitRunner(FitOptions options, Dataset data) : FitRunner(options, data)
{
    /// <inheritdoc/>
    public override void Run(TextWriter stdout)
    {
        var fit = LinearMixedModel.Fit(Options.Formula, Data, Options.ToModelOptions());
        var inference = ContrastInference.For(fit, Options.Ddf ?? DdfMethod.Asymptotic);
        // emmeans' own default df (Kenward-Roger up to 3000 observations, asymptotic above) unless --ddf was given
        var meansInference = Options.DdfGiven ? inference : null;
        var means = MarginalMeansSection.Compute(Options, () => Options.Trend is { } trend
            ? Emmeans.Trends(fit, Options.EmmeansSpecs!, trend, Options.EmmeansBy, at: Options.At, inference: meansInference, level: Options.Level)
            : Emmeans.Compute(fit, Options.EmmeansSpecs!, Options.EmmeansBy, at: Options.At, inference: meansInference, level: Options.Level));
        var results = new FitResults(FixedEffectTests.Compute(fit, inference, Options.Level), AnovaTable(fit, inference), means);
        var checks = new ModelChecks(Comparison(fit), Intervals(fit));
        FitOutputFiles.Write(fit, Options);
        ResultTables.Write(Options, results.Means, results.Anova, checks.Comparison);
        WriteReport(results.Means, checks, () => BuildJson(fit, results), text => WriteText(fit, results, text), stdout);
    }

    private AnovaTable? AnovaTable(LinearMixedModelFit fit, IContrastInference inference) =>
        Options.Anova is AnovaType type ? Anova.Compute(fit, type, inference) : null;

    private ModelComparisonResult? Comparison(LinearMixedModelFit fit) =>
        Options.CompareFormulas.Count == 0 ? null : ModelComparison.Compare(fit, Options.CompareFormulas);

    private IReadOnlyList<ConfidenceInterval>? Intervals(LinearMixedModelFit fit)
    {
        switch (Options.Confint)
        {
            case null:
                return null;
            case ConfidenceIntervalMethod.Bootstrap:
                using (var progress = BootstrapProgress.ForTerminal(Options.Nsim))
                    return ConfidenceIntervals.Bootstrap(fit, new BootstrapOptions
                    {
                        Replicates = Options.Nsim,
                        Seed = Options.Seed,
                        Level = Options.Level,
                        Progress = progress,
                    });
            default:
                return ConfidenceIntervals.Compute(fit, Options.Confint.Value, Options.Level);
        }
    }

    private LinearMixedModelReport BuildJson(LinearMixedModelFit fit, FitResults results) =>
        JsonReport.Build(fit, results.Tests) with
        {
            Ddf = DdfLabel(Options.Ddf),
            Level = Options.Level,
            Anova = results.Anova is null ? null : AnovaRowReport.From(results.Anova),
            R2 = Options.R2 ? ExplainedVarianceReport.From(ExplainedVariance.Compute(fit)) : null,
        };

    private void WriteText(LinearMixedModelFit fit, FitResults results, TextWriter stdout)
    {
        var summary = Options.Ddf is null
            ? new LinearMixedModelSummary(fit, Options.Data, Options.WeightsColumn)
            : new LinearMixedModelSummary(fit, Options.Data, Options.WeightsColumn, results.Tests,
                Options.Ddf == DdfMethod.KenwardRoger ? "Kenward-Roger" : "Satterthwaite");
        summary.WriteTo(stdout);
        if (Options.R2) stdout.Write("\n" + ExplainedVarianceReport.TextLine(ExplainedVariance.Compute(fit)));
        if (results.Anova is not null)
            stdout.Write("\n" + AnovaTextReport.Format(results.Anova));
        if (Options.CoefficientIntervals)
        {
            string method = Options.Ddf switch { DdfMethod.KenwardRoger => "Kenward-Roger", DdfMethod.Satterthwaite => "Satterthwaite", _ => "normal (Wald z)" };
            stdout.Write($"\nConfidence intervals of the fixed effects ({method} df):\n" + InferenceTextReport.Intervals(
                results.Tests.Select(t => new ConfidenceInterval(t.Term, t.Lower, t.Upper, ConfidenceIntervalMethod.Wald)).ToArray(), Options.Level));
        }
        if (Options.Ranova)
            stdout.Write("\n" + InferenceTextReport.RandomEffectsTests(RandomEffectsTests.Compute(fit)));
        if (Options.JointTests)
            stdout.Write("\n$joint_tests\n" + JointTestsTextReport.Format(Emmeans.JointTests(fit, Options.DdfGiven ? ContrastInference.For(fit, Options.Ddf ?? DdfMethod.Asymptotic) : null)));
    }

    private static string DdfLabel(DdfMethod? method) => method switch
    {
        DdfMethod.Satterthwaite => "satterthwaite",
        DdfMethod.KenwardRoger => "kenward-roger",
        _ => "none",
    };
}
