namespace MixedEffects.Sql;

/// <summary>
/// One term's conditional modes as a relation for the second pass: per level the values of its grouping columns
/// (columns <c>mixed_key0</c>, ...) and its modes (columns <c>mixed_mode0</c>, ...).
/// </summary>
/// <param name="Name">A name unique within the query.</param>
/// <param name="Keys">Per level, the grouping columns' values.</param>
/// <param name="Modes">Per level, its <paramref name="ModeCount"/> modes, row-major.</param>
/// <param name="ModeCount">Modes per level (the term's columns).</param>
internal sealed record SqlModesTable(string Name, IReadOnlyList<GroupKey[]> Keys, double[] Modes, int ModeCount)
{
    /// <summary>Number of grouping columns.</summary>
    public int KeyCount => Keys.Count == 0 ? 0 : Keys[0].Length;

    /// <summary>The column names, keys first.</summary>
    public IEnumerable<string> ColumnNames =>
        Enumerable.Range(0, KeyCount).Select(KeyColumn).Concat(Enumerable.Range(0, ModeCount).Select(ModeColumn));

    /// <summary>The name of key column <paramref name="k"/>.</summary>
    public static string KeyColumn(int k) => $"mixed_key{k}";

    /// <summary>The name of mode column <paramref name="c"/>.</summary>
    public static string ModeColumn(int c) => $"mixed_mode{c}";
}
