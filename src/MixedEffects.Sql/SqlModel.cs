using System.Diagnostics;
using MixedEffects.Formulas;
using MixedEffects.Models;
using MixedEffects.Optimization;

namespace MixedEffects.Sql;

/// <summary>
/// A model whose cross products have been aggregated by the engine: optimizes the profiled criterion on them (again,
/// for a refit by another method, without touching the rows) and, when asked, runs the residual pass.
/// </summary>
internal sealed class SqlModel
{
    private readonly string _formula;
    private readonly SqlSource _source;
    private readonly IReadOnlyList<string> _formulaWarnings;
    private readonly SqlModelAggregates _aggregates;
    private readonly LinearMixedModelOptions _options;

    public SqlModel(string formula, SqlSource source, IReadOnlyList<string> formulaWarnings, SqlModelAggregates aggregates,
        LinearMixedModelOptions options)
    {
        _formula = formula;
        _source = source;
        _formulaWarnings = formulaWarnings;
        _aggregates = aggregates;
        _options = options;
    }

    /// <summary>The formula as given.</summary>
    public string Formula => _formula;

    /// <summary>
    /// The fixed part on the distinct combinations of its columns (one GROUP BY in the engine), for the term-wise tests.
    /// </summary>
    public Design.FixedTermDesign FixedTermDesign() =>
        SqlFixedCells.Design(_source, ModelSpecification.FromFormula(_formula), _aggregates.Query.Complete, _options.Contrasts,
            _aggregates.FixedEffectNames);

    /// <summary>The same model by <paramref name="method"/>.</summary>
    public SqlModel WithMethod(EstimationMethod method) =>
        new(_formula, _source, _formulaWarnings, _aggregates, _options with { Method = method });

    /// <summary>
    /// Optimizes and, with <paramref name="residualPass"/>, computes the scaled residuals' quantiles in the engine;
    /// <paramref name="aggregation"/> and <paramref name="aggregationCpu"/> are the aggregation's wall and CPU time.
    /// </summary>
    public SqlLinearMixedModelFit Fit(TimeSpan aggregation, TimeSpan aggregationCpu, bool residualPass)
    {
        var options = _options;
        var aggregates = _aggregates;
        var clock = Stopwatch.StartNew();
        var cpu = ProcessorTime();
        var a = aggregates.CrossProducts;
        var objective = new ProfiledDeviance(a, options.Method);
        var map = new CovarianceParameterMap(aggregates.Terms);
        var summary = LinearMixedModel.Minimize(th => objective.Evaluate(th), null, map, map.StartFrom(options.StartTheta), options,
            a.Layout, out _, out _);
        var theta = summary.FinalParameters.ToArray();
        int evaluations = summary.Evaluations;
        bool converged = summary.Converged;
        var warnings = summary.Warnings.ToList();
        double criterion = objective.Evaluate(theta);
        if (double.IsPositiveInfinity(criterion))
            throw new ModelSpecificationException("the model's covariance factor is not positive definite at the estimates");
        bool singular = map.IsSingular(theta, options.SingularTolerance);
        if (singular) warnings.Insert(0, "boundary (singular) fit: see help('isSingular')");
        warnings.InsertRange(0, _formulaWarnings.Where(w => !warnings.Contains(w)));
        int dropped = aggregates.DroppedColumns.Count;
        if (dropped > 0)
            warnings.Insert(0, $"fixed-effect model matrix is rank deficient so dropping {dropped} column{(dropped == 1 ? "" : "s")} / coefficient{(dropped == 1 ? "" : "s")}");
        var solution = new LinearMixedModelSolution(objective.Factor, options.Method);
        var optimization = clock.Elapsed;
        var optimizationCpu = ProcessorTime() - cpu;
        cpu = ProcessorTime();
        clock.Restart();
        var quantiles = residualPass
            ? _source.ScaledResidualQuantiles(aggregates.Query, solution.Beta, solution.RandomEffects, solution.Sigma, aggregates.ObservationCount)
            : null;
        var times = new SqlFitTimes(aggregation, optimization, residualPass ? clock.Elapsed : null)
        {
            AggregationCpu = aggregationCpu,
            OptimizationCpu = optimizationCpu,
            ResidualPassCpu = ProcessorTime() - cpu,
        };
        return new SqlLinearMixedModelFit(this, _source.Description, aggregates, options.Method, theta, criterion, solution,
            objective.Factor, evaluations, converged, singular, warnings, quantiles, times);
    }

    /// <summary>The CPU time the process has used so far (all threads).</summary>
    internal static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
