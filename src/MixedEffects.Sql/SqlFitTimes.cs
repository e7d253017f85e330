namespace MixedEffects.Sql;

/// <summary>Wall time of the phases of a SQL fit.</summary>
/// <param name="Aggregation">The aggregation queries (including connecting and reading the levels).</param>
/// <param name="Optimization">The optimization of the criterion and the solution at the optimum.</param>
/// <param name="ResidualPass">The second pass over the rows for the scaled residuals, or null when not run.</param>
public sealed record SqlFitTimes(TimeSpan Aggregation, TimeSpan Optimization, TimeSpan? ResidualPass);
