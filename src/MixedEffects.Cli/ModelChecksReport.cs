using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>Adds the <c>--compare</c> and <c>--confint</c> sections to the text and JSON reports.</summary>
internal static class ModelChecksReport
{
    /// <summary>The JSON report with the <c>compare</c> and <c>intervals</c> objects filled in when requested.</summary>
    public static LinearMixedModelReport AddTo(LinearMixedModelReport report, ModelChecks checks) => report with
    {
        Compare = checks.Comparison is null ? null : ModelComparisonReport.Build(checks.Comparison),
        Intervals = checks.Intervals is null ? null : ConfidenceIntervalReport.Build(checks.Intervals),
    };

    /// <summary>Writes lme4's <c>anova(m0, m1)</c> and <c>confint</c> printouts, each after a blank line.</summary>
    public static void WriteText(ModelChecks checks, FitOptions options, TextWriter stdout)
    {
        if (checks.Comparison is not null)
            stdout.Write("\n" + InferenceTextReport.Comparison(checks.Comparison, options.Data));
        if (checks.Intervals is not null)
            stdout.Write("\n" + InferenceTextReport.Intervals(checks.Intervals, options.Level));
    }
}
