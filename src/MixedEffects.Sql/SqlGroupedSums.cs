namespace MixedEffects.Sql;

/// <summary>
/// The random-effects terms rolled up from one GROUP BY over all grouping columns, in the formula's order.
/// </summary>
/// <param name="Terms">Per term: its sorted levels and per-level sums.</param>
/// <param name="Codes">Per term: its level code in each combination of levels that occurs (empty for a single term).</param>
/// <param name="Combinations">Number of combinations of levels (0 for a single term).</param>
/// <param name="Pairs">The pair sums' meaning: terms i &lt; j and their columns a, b.</param>
/// <param name="PairSums">Z_i'Z_j per combination, row-major (combinations x pairs).</param>
internal sealed record SqlGroupedSums(IReadOnlyList<SqlTermAggregate> Terms, int[][] Codes, int Combinations,
    IReadOnlyList<(int I, int J, int A, int B)> Pairs, double[] PairSums);
