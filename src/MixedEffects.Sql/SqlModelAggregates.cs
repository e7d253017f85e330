using MixedEffects.Design;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Sql;

/// <summary>
/// Everything a linear mixed model needs, computed by aggregation next to the data: the random-effects terms (levels
/// and column names; no per-row arrays), the blocked cross products A = [Z X y]'[Z X y], the kept fixed-effect columns
/// and the row counts; and what the queries were made of, for a second pass over the rows.
/// </summary>
internal sealed record SqlModelAggregates(
    IReadOnlyList<RandomEffectsTerm> Terms,
    BlockedCrossProducts CrossProducts,
    IReadOnlyList<string> FixedEffectNames,
    IReadOnlyList<string> DroppedColumns,
    int ObservationCount,
    long DroppedRowCount,
    long AggregatedRowCount,
    SqlModelQuery Query);
