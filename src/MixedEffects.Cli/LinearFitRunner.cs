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
        LinearMixedModelFit fit;
        using (var progress = FitProgressLine.ForTerminal(Options.Method == EstimationMethod.Reml ? "REML criterion" : "deviance"))
        {
            var objective = LinearMixedModelObjective.Create(Options.Formula, Data, Options.ToModelOptions() with { Progress = progress });
            progress?.Describe(LargeModelCost(objective.Cost));
            fit = LinearMixedModel.Fit(objective);
        }
        var inference = ContrastInference.For(fit, Options.Ddf ?? DdfMethod.Asymptotic);
        // emmeans' own default df (Kenward-Roger up to 3000 observations, asymptotic above) unless --ddf was given
        var meansInference = Options.DdfGiven ? inference : null;
        var means = MarginalMeansSection.Compute(Options, () => Options.Trend is { } trend
            ? Emmeans.Trends(fit, Options.EmmeansSpecs!, trend, Options.EmmeansBy, at: Options.At, inference: meansInference, level: Options.Level)
            : Emmeans.Compute(fit, Options.EmmeansSpecs!, Options.EmmeansBy, at: Options.At, inference: meansInference, level: Options.Level));
        var results = new FitResults(FixedEffectTests.Compute(fit, inference, Options.Level), AnovaTable(fit, inference), means);
        var checks = new ModelChecks(Comparison(fit), Intervals(fit, Options.Confint));
        var sections = new LinearModelSections(
            Options.Ranova ? RandomEffectsTests.Compute(fit) : null,
            Options.JointTests ? Emmeans.JointTests(fit, meansInference) : null,
            Options.CoefficientIntervals is { } method
                ? CoefficientIntervalRow.Build(results.Tests, method == Options.Confint ? checks.Intervals! : Intervals(fit, method)!)
                : null);
        FitOutputFiles.Write(fit, Options);
        ResultTables.Write(Options, results.Means, results.Anova, checks.Comparison);
        if (Options.CoefsCsv is { } coefsPath) WriteCoefs(coefsPath, sections.Coefs!);
        WriteReport(results.Means, checks, () => BuildJson(fit, results, sections), text => WriteText(fit, results, sections, text), stdout);
    }

    private void WriteCoefs(string path, IReadOnlyList<CoefficientIntervalRow> rows) =>
        CsvTableWriter.Write(path, ["term", .. CoefficientIntervalTable.ColumnNames(Options.Level)],
            rows.Select(r => (IReadOnlyList<object?>)[r.Term, r.Estimate, r.Lower, r.Upper, r.Se, r.Df, r.T, r.P, r.Sig]));

    /// <summary>For a large model (a billion operations per evaluation or a factor of 256 MB): its estimated cost, for the progress line.</summary>
    private static string? LargeModelCost(EvaluationCost cost) =>
        cost.FlopsPerEvaluation < 1e9 && cost.Bytes < 256L << 20 ? null : cost.ToString();

    private AnovaTable? AnovaTable(LinearMixedModelFit fit, IContrastInference inference) =>
        Options.Anova is AnovaType type ? Anova.Compute(fit, type, inference) : null;

    private ModelComparisonResult? Comparison(LinearMixedModelFit fit) =>
        Options.CompareFormulas.Count == 0 ? null : ModelComparison.Compare(fit, Options.CompareFormulas);

    private IReadOnlyList<ConfidenceInterval>? Intervals(LinearMixedModelFit fit, ConfidenceIntervalMethod? method)
    {
        switch (method)
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
                return ConfidenceIntervals.Compute(fit, method.Value, Options.Level);
        }
    }

    private LinearMixedModelReport BuildJson(LinearMixedModelFit fit, FitResults results, LinearModelSections sections) =>
        JsonReport.Build(fit, results.Tests) with
        {
            Ddf = DdfLabel(Options.Ddf),
            Level = Options.Level,
            Anova = results.Anova is null ? null : AnovaRowReport.From(results.Anova),
            R2 = Options.R2 ? ExplainedVarianceReport.From(ExplainedVariance.Compute(fit)) : null,
            Ranova = sections.Ranova is null ? null : RandomEffectsTestReport.Build(sections.Ranova),
            JointTests = sections.JointTests is null ? null : JointTestReport.Build(sections.JointTests),
            Coefs = sections.Coefs,
            CoefsMethod = Options.CoefficientIntervals is { } method ? ConfidenceIntervalReport.MethodName(method) : null,
        };

    private void WriteText(LinearMixedModelFit fit, FitResults results, LinearModelSections sections, TextWriter stdout)
    {
        var summary = Options.Ddf is null
            ? new LinearMixedModelSummary(fit, Options.Data, Options.WeightsColumn)
            : new LinearMixedModelSummary(fit, Options.Data, Options.WeightsColumn, results.Tests,
                Options.Ddf == DdfMethod.KenwardRoger ? "Kenward-Roger" : "Satterthwaite");
        summary.WriteTo(stdout);
        if (Options.R2) stdout.Write("\n" + ExplainedVarianceReport.TextLine(ExplainedVariance.Compute(fit)));
        if (results.Anova is not null)
            stdout.Write("\n" + AnovaTextReport.Format(results.Anova));
        if (sections.Coefs is not null)
        {
            string df = Options.Ddf switch { DdfMethod.KenwardRoger => "Kenward-Roger", DdfMethod.Satterthwaite => "Satterthwaite", _ => "asymptotic (z)" };
            stdout.Write($"\nCoefficients with {ConfidenceIntervalReport.MethodName(Options.CoefficientIntervals!.Value)} confidence limits ({df} df):\n"
                + CoefficientIntervalTable.Format(sections.Coefs, Options.Level));
        }
        if (sections.Ranova is not null)
            stdout.Write("\n" + InferenceTextReport.RandomEffectsTests(sections.Ranova));
        if (sections.JointTests is not null)
            stdout.Write("\n$joint_tests\n" + JointTestsTextReport.Format(sections.JointTests));
    }

    private static string DdfLabel(DdfMethod? method) => method switch
    {
        DdfMethod.Satterthwaite => "satterthwaite",
        DdfMethod.KenwardRoger => "kenward-roger",
        _ => "none",
    };
}
