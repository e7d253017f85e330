namespace MixedEffects.Sql;

/// <summary>
/// A factor: a column (text, or numeric under <c>factor()</c>), its levels sorted as the in-memory reader sorts them
/// (text in ordinal order, numbers numerically) and each level's SQL literal for comparisons.
/// </summary>
/// <param name="Name">The variable's R label.</param>
/// <param name="Column">The SQL expression of the column.</param>
/// <param name="Levels">The level labels, in order.</param>
/// <param name="Literals">Per level, the SQL literal the column equals.</param>
internal sealed record SqlFactorVariable(string Name, string Column, IReadOnlyList<string> Levels, IReadOnlyList<string> Literals)
    : SqlVariable(Name);
