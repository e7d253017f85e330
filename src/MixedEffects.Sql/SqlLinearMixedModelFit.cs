using MixedEffects.Design;
using MixedEffects.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Sql;

/// <summary>
/// A linear mixed model fitted from aggregates: lme4's numbers that need only the cross products (fixed effects and
/// their covariance, variance components, sigma, likelihood criteria, conditional modes and variances) and the
/// inference computed from them, as for in-memory data. Per-row outputs (fitted values, residuals) need the rows and
/// are not part of it. Immutable; arrays returned are copies.
/// </summary>
public sealed class SqlLinearMixedModelFit : LinearMixedModelEstimates
{
    private readonly SqlModel _model;
    private readonly SqlModelAggregates _aggregates;
    private readonly double[]? _quantiles;
    private readonly Lazy<FixedTermDesign> _fixedTermDesign;

    internal SqlLinearMixedModelFit(SqlModel model, string source, SqlModelAggregates aggregates, EstimationMethod method,
        double[] theta, double criterion, LinearMixedModelSolution solution, BlockedCholeskyFactor factor, int evaluations,
        bool converged, bool singular, IReadOnlyList<string> warnings, double[]? scaledResidualQuantiles, SqlFitTimes times)
        : base(model.Formula, method, aggregates.CrossProducts, aggregates.Terms, aggregates.ObservationCount, aggregates.FixedEffectNames,
            aggregates.DroppedColumns, theta, criterion, solution, factor, evaluations, converged, singular, warnings)
    {
        _model = model;
        Source = source;
        _aggregates = aggregates;
        _quantiles = scaledResidualQuantiles;
        Times = times;
        _fixedTermDesign = new Lazy<FixedTermDesign>(model.FixedTermDesign);
    }

    /// <summary>The source as described in summaries (no password).</summary>
    public string Source { get; }

    /// <summary>Rows dropped because a model variable was NULL.</summary>
    public long DroppedRowCount => _aggregates.DroppedRowCount;

    /// <summary>Rows the aggregation queries returned (all queries together): the data that travelled.</summary>
    public long AggregatedRowCount => _aggregates.AggregatedRowCount;

    /// <summary>Wall time of the phases.</summary>
    public SqlFitTimes Times { get; }

    /// <summary>
    /// The same model fitted by <paramref name="method"/> from the aggregated cross products (no query runs; the
    /// scaled residuals of the refit are not computed).
    /// </summary>
    public override LinearMixedModelEstimates WithMethod(EstimationMethod method) =>
        Method == method ? this : _model.WithMethod(method).Fit(TimeSpan.Zero, TimeSpan.Zero, residualPass: false);

    /// <summary>The fixed part on the distinct combinations of its columns, read by one GROUP BY on first use.</summary>
    internal override FixedTermDesign FixedTermDesign() => _fixedTermDesign.Value;

    /// <summary>
    /// The quantiles 0, 0.25, 0.5, 0.75 and 1 (R's type 7) of the scaled residuals, computed by a second pass in the
    /// engine; null when that pass was not run.
    /// </summary>
    public double[]? ScaledResidualQuantiles => (double[]?)_quantiles?.Clone();
}
