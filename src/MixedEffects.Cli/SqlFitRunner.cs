using System.Globalization;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;
using MixedEffects.Sql;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit</c> on a SQL source: a Parquet or CSV file through DuckDB, or a PostgreSQL or ClickHouse table or query.
/// Prints lme4's summary (with Satterthwaite's or Kenward-Roger's t tests unless <c>--ddf none</c>; scaled residuals from a second pass in
/// the engine) or the JSON report, the likelihood-ratio tests of <c>--compare</c>, and writes the conditional modes and
/// coefficients.
/// </summary>
internal sealed class SqlFitRunner
{
    private readonly FitOptions _options;

    public SqlFitRunner(FitOptions options) => _options = options;

    /// <summary>Fits and writes the report to <paramref name="stdout"/> (timings to <paramref name="stderr"/> when asked).</summary>
    public void Run(TextWriter stdout, TextWriter stderr)
    {
        SqlSource source = DatabaseSource.IsDatabaseUri(_options.Data)
            ? DatabaseSource.Create(_options.Data, _options.Table, _options.Query)
            : new DuckDbSource(_options.Data);
        var fit = SqlLinearMixedModel.Fit(_options.Formula, source, _options.ToModelOptions());
        var inference = ContrastInference.For(fit, _options.Ddf ?? DdfMethod.Asymptotic);
        var tests = _options.Ddf is not null ? FixedEffectTests.Compute(fit, inference, _options.Level) : null;
        var anova = _options.Anova is AnovaType type ? Anova.Compute(fit, type, inference) : null;
        // emmeans' own default df (Kenward-Roger up to 3000 observations, asymptotic above) unless --ddf was given
        var meansInference = _options.DdfGiven ? inference : null;
        var means = MarginalMeansSection.Compute(_options,
            () => Emmeans.Compute(fit, _options.EmmeansSpecs!, _options.EmmeansBy, at: _options.At, inference: meansInference, level: _options.Level));
        var jointTests = _options.JointTests ? Emmeans.JointTests(fit, meansInference) : null;
        var comparison = Comparison(fit, source);
        var intervals = _options.Confint is not null || _options.CoefficientIntervals is not null ? ConfidenceIntervals.Wald(fit, _options.Level) : null;
        var checks = new ModelChecks(comparison, _options.Confint is not null ? intervals : null);
        var coefs = _options.CoefficientIntervals is not null
            ? CoefficientIntervalRow.Build(tests ?? FixedEffectTests.Compute(fit, inference, _options.Level), intervals!)
            : null;
        if (_options.Format == OutputFormat.Json)
        {
            var report = JsonReport.Build(fit, tests) with
            {
                Ddf = _options.Ddf switch { DdfMethod.Satterthwaite => "satterthwaite", DdfMethod.KenwardRoger => "kenward-roger", _ => "none" },
                Level = _options.Level,
                DroppedRows = (int)Math.Min(fit.DroppedRowCount, int.MaxValue),
                Anova = anova is null ? null : AnovaRowReport.From(anova),
                JointTests = jointTests is null ? null : JointTestReport.Build(jointTests),
                Emmeans = means?.ToReport(),
                Coefs = coefs,
                CoefsMethod = coefs is null ? null : ConfidenceIntervalReport.MethodName(ConfidenceIntervalMethod.Wald),
            };
            stdout.Write(JsonReport.Serialize(ModelChecksReport.AddTo(report, checks)) + "\n");
        }
        else
        {
            var summary = tests is null
                ? new SqlLinearMixedModelSummary(fit)
                : new SqlLinearMixedModelSummary(fit, tests, _options.Ddf == DdfMethod.KenwardRoger ? "Kenward-Roger" : "Satterthwaite");
            stdout.Write(summary.ToString());
            if (anova is not null) stdout.Write("\n" + AnovaTextReport.Format(anova));
            if (coefs is not null)
            {
                string df = _options.Ddf switch { DdfMethod.KenwardRoger => "Kenward-Roger", DdfMethod.Satterthwaite => "Satterthwaite", _ => "asymptotic (z)" };
                stdout.Write($"\nCoefficients with {ConfidenceIntervalReport.MethodName(ConfidenceIntervalMethod.Wald)} confidence limits ({df} df):\n" + CoefficientIntervalTable.Format(coefs, _options.Level));
            }
            if (jointTests is not null) stdout.Write("\n$joint_tests\n" + JointTestsTextReport.Format(jointTests));
            means?.WriteText(stdout);
            ModelChecksReport.WriteText(checks, _options, stdout);
        }
        FitOutputFiles.Write(fit, _options);
        ResultTables.Write(_options, means, anova, comparison);
        if (_options.ShowTimings)
            stderr.Write(string.Create(CultureInfo.InvariantCulture,
                $"aggregation: {fit.Times.Aggregation.TotalSeconds:0.000} s, CPU {fit.Times.AggregationCpu.TotalSeconds:0.000} s ({fit.AggregatedRowCount} aggregated rows for {fit.ObservationCount} observations); " +
                $"optimization: {fit.Times.Optimization.TotalSeconds:0.000} s, CPU {fit.Times.OptimizationCpu.TotalSeconds:0.000} s ({fit.Evaluations} evaluations); " +
                $"residual pass: {fit.Times.ResidualPass?.TotalSeconds ?? 0:0.000} s, CPU {fit.Times.ResidualPassCpu.TotalSeconds:0.000} s\n"));
    }

    /// <summary>
    /// The likelihood-ratio tests against the <c>--compare</c> formulas: each other model is aggregated from the same
    /// source, and REML fits are refitted by ML from their cross products.
    /// </summary>
    private ModelComparisonResult? Comparison(SqlLinearMixedModelFit fit, SqlSource source)
    {
        if (_options.CompareFormulas.Count == 0) return null;
        var others = _options.CompareFormulas
            .Select(f => (LinearMixedModelEstimates)SqlLinearMixedModel.Fit(f, source, _options.ToModelOptions(), residualPass: false));
        return ModelComparison.Compare(others.Append(fit).ToArray());
    }
}
