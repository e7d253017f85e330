using System.Globalization;
using MixedEffects.Sql;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed fit</c> on a SQL source: a Parquet or CSV file through DuckDB, or a PostgreSQL table or query. Prints
/// lme4's summary (scaled residuals from a second pass in the engine) and writes the conditional modes and coefficients.
/// </summary>
internal sealed class SqlFitRunner
{
    private readonly FitOptions _options;

    public SqlFitRunner(FitOptions options) => _options = options;

    /// <summary>Fits and writes the summary to <paramref name="stdout"/> (timings to <paramref name="stderr"/> when asked).</summary>
    public void Run(TextWriter stdout, TextWriter stderr)
    {
        SqlSource source = PostgresSource.IsPostgresUri(_options.Data)
            ? new PostgresSource(_options.Data, _options.Table, _options.Query)
            : new DuckDbSource(_options.Data);
        var fit = SqlLinearMixedModel.Fit(_options.Formula, source, _options.ToModelOptions());
        stdout.Write(new SqlLinearMixedModelSummary(fit).ToString());
        FitOutputFiles.Write(fit, _options);
        if (_options.ShowTimings)
            stderr.Write(string.Create(CultureInfo.InvariantCulture,
                $"aggregation: {fit.Times.Aggregation.TotalSeconds:0.000} s, CPU {fit.Times.AggregationCpu.TotalSeconds:0.000} s ({fit.AggregatedRowCount} aggregated rows for {fit.ObservationCount} observations); " +
                $"optimization: {fit.Times.Optimization.TotalSeconds:0.000} s, CPU {fit.Times.OptimizationCpu.TotalSeconds:0.000} s ({fit.Evaluations} evaluations); " +
                $"residual pass: {fit.Times.ResidualPass?.TotalSeconds ?? 0:0.000} s, CPU {fit.Times.ResidualPassCpu.TotalSeconds:0.000} s\n"));
    }
}
