using System.Globalization;
using MixedEffects.Inference;
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
        var tests = _options.Ddf is { } ddf ? FixedEffectTests.Compute(fit, ContrastInference.For(fit, ddf), _options.Level) : null;
        var comparison = Comparison(fit, source);
        if (_options.Format == OutputFormat.Json)
        {
            var report = JsonReport.Build(fit, tests) with
            {
                Ddf = _options.Ddf switch { DdfMethod.Satterthwaite => "satterthwaite", DdfMethod.KenwardRoger => "kenward-roger", _ => "none" },
                Level = _options.Level,
                DroppedRows = (int)Math.Min(fit.DroppedRowCount, int.MaxValue),
            };
            stdout.Write(JsonReport.Serialize(ModelChecksReport.AddTo(report, new ModelChecks(comparison, null))) + "\n");
        }
        else
        {
            var summary = tests is null
                ? new SqlLinearMixedModelSummary(fit)
                : new SqlLinearMixedModelSummary(fit, tests, _options.Ddf == DdfMethod.KenwardRoger ? "Kenward-Roger" : "Satterthwaite");
            stdout.Write(summary.ToString());
            ModelChecksReport.WriteText(new ModelChecks(comparison, null), _options, stdout);
        }
        FitOutputFiles.Write(fit, _options);
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
