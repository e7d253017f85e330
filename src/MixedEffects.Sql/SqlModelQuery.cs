namespace MixedEffects.Sql;

/// <summary>The SQL a model was aggregated with: what a second pass over the same rows needs.</summary>
/// <param name="Complete">The condition that selects the rows without NULL in a model variable.</param>
/// <param name="Response">The response (minus offsets) as SQL.</param>
/// <param name="FixedColumns">The kept fixed-effect columns.</param>
/// <param name="Terms">The random-effects terms in the fit's order.</param>
internal sealed record SqlModelQuery(string Complete, string Response, IReadOnlyList<SqlModelColumn> FixedColumns,
    IReadOnlyList<SqlTermAggregate> Terms);
