using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Reporting;

namespace MixedEffects.Sql;

/// <summary>
/// lme4's <c>summary()</c> of a fit from SQL aggregates: the same sections as for in-memory data; the scaled residuals
/// come from the engine's second pass over the rows, or the section says they were not computed.
/// </summary>
public sealed class SqlLinearMixedModelSummary
{
    private readonly SqlLinearMixedModelFit _fit;
    private readonly IReadOnlyList<FixedEffectTest>? _tests;
    private readonly string? _testMethod;

    /// <summary>The summary of <paramref name="fit"/>.</summary>
    public SqlLinearMixedModelSummary(SqlLinearMixedModelFit fit) => _fit = fit;

    /// <summary>lmerTest's summary of <paramref name="fit"/>: t tests with <paramref name="testMethod"/>'s df and p values.</summary>
    public SqlLinearMixedModelSummary(SqlLinearMixedModelFit fit, IReadOnlyList<FixedEffectTest> tests, string testMethod)
        : this(fit)
    {
        ArgumentNullException.ThrowIfNull(tests);
        if (tests.Count != fit.FixedEffectNames.Count)
            throw new ArgumentException($"{tests.Count} tests for {fit.FixedEffectNames.Count} fixed effects", nameof(tests));
        _tests = tests;
        _testMethod = testMethod;
    }

    /// <summary>The summary's lines.</summary>
    public IReadOnlyList<string> Lines()
    {
        var fit = _fit;
        var lines = new List<string>();
        string title = fit.Method == EstimationMethod.Reml
            ? "Linear mixed model fit by REML"
            : "Linear mixed model fit by maximum likelihood ";
        lines.AddRange(_tests is null
            ? LinearMixedModelSummaryTitle.Lines(title, "lmerMod")
            : LinearMixedModelSummaryTitle.Lines($"{title}. t-tests use {_testMethod}'s method", "lmerModLmerTest"));
        lines.AddRange(MixedModelSummarySections.FormulaAndData(fit.Formula, fit.Source, null));
        lines.Add("");
        if (fit.Method == EstimationMethod.Reml)
            lines.Add("REML criterion at convergence: " + RNumberFormatter.FormatSingle(RNumberFormatter.Round(fit.Criterion, 1)));
        else
            lines.AddRange(MixedModelSummarySections.InformationCriteria(fit.Aic, fit.Bic, fit.LogLikelihood, fit.Criterion,
                fit.ResidualDegreesOfFreedom));
        lines.Add("");
        if (fit.ScaledResidualQuantiles is { } quantiles) lines.AddRange(MixedModelSummarySections.ScaledResidualQuantiles(quantiles));
        else lines.Add("Scaled residuals: not computed (no second pass over the rows was run)");
        lines.Add("");
        lines.AddRange(MixedModelSummarySections.RandomEffects(fit.Terms, fit.GroupNames, fit.TermCovariance, fit.Sigma));
        lines.Add(MixedModelSummarySections.GroupsLine(fit.Terms, fit.GroupCounts, fit.ObservationCount));
        var table = fit.FixedEffects;
        lines.AddRange(MixedModelSummarySections.FixedEffects(table.Select(f => f.Term).ToArray(),
            () => _tests is null ? LinearMixedModelSummary.CoefficientTable(table) : LinearMixedModelSummary.TestTable(_tests),
            fit.FixedEffectsCovariance));
        lines.AddRange(MixedModelSummarySections.FitWarnings(fit.DroppedColumns.Count, (int)Math.Min(fit.DroppedRowCount, int.MaxValue)));
        lines.AddRange(MixedModelSummarySections.OptimizerMessages(fit.Warnings));
        return lines;
    }

    /// <summary>The summary text, lines ended by a newline.</summary>
    public override string ToString() => MixedModelSummarySections.Text(Lines());
}
