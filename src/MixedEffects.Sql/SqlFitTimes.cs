namespace MixedEffects.Sql;

/// <summary>Wall time of the phases of a SQL fit, and the CPU time the process spent in each (all threads, the engine's included when it runs in the process).</summary>
/// <param name="Aggregation">The aggregation queries (including connecting and reading the levels).</param>
/// <param name="Optimization">The optimization of the criterion and the solution at the optimum.</param>
/// <param name="ResidualPass">The second pass over the rows for the scaled residuals, or null when not run.</param>
public sealed record SqlFitTimes(TimeSpan Aggregation, TimeSpan Optimization, TimeSpan? ResidualPass)
{
    /// <summary>CPU time of the process during the aggregation.</summary>
    public TimeSpan AggregationCpu { get; init; }

    /// <summary>CPU time of the process during the optimization.</summary>
    public TimeSpan OptimizationCpu { get; init; }

    /// <summary>CPU time of the process during the residual pass (zero when not run).</summary>
    public TimeSpan ResidualPassCpu { get; init; }
}
