using MixedEffects.Formulas;

namespace MixedEffects.Sql;

/// <summary>
/// One random-effects term read from its GROUP BY query: the grouping columns, the term's model-matrix columns, the
/// observed levels (sorted as the in-memory factors are) and per level its sums: Z_i'Z_i (lower triangle), Z_i'X, Z_i'y.
/// </summary>
internal sealed class SqlTermAggregate
{
    private readonly Dictionary<string, int> _codes;

    public SqlTermAggregate(RandomEffectsSpec spec, IReadOnlyList<SqlModelColumn> columns, IReadOnlyList<string> groupColumns,
        IReadOnlyList<(GroupKey[] Key, double[] Sums)> rows)
    {
        Spec = spec;
        Columns = columns;
        GroupColumns = groupColumns;
        var sorted = rows.OrderBy(r => r.Key, Comparer<GroupKey[]>.Create(Compare)).ToArray();
        Keys = sorted.Select(r => r.Key).ToArray();
        Levels = sorted.Select(r => string.Join(":", r.Key.Select(k => k.Label))).ToArray();
        Sums = sorted.Select(r => r.Sums).ToArray();
        _codes = new Dictionary<string, int>(sorted.Length, StringComparer.Ordinal);
        for (int g = 0; g < sorted.Length; g++) _codes[KeyText(sorted[g].Key)] = g;
    }

    public RandomEffectsSpec Spec { get; }

    public IReadOnlyList<SqlModelColumn> Columns { get; }

    /// <summary>The quoted grouping columns (several for an interaction such as <c>school:district</c>).</summary>
    public IReadOnlyList<string> GroupColumns { get; }

    public IReadOnlyList<string> Levels { get; }

    /// <summary>Per level (in order), the values of the grouping columns.</summary>
    public IReadOnlyList<GroupKey[]> Keys { get; }

    /// <summary>Per level: the sums of the term query in its select-list order.</summary>
    public IReadOnlyList<double[]> Sums { get; }

    /// <summary>The level code of a grouping key.</summary>
    public int Code(GroupKey[] key) => _codes[KeyText(key)];

    /// <summary>The key's text for look-ups.</summary>
    public static string KeyText(GroupKey[] key) =>
        string.Join("\u0001", key.Select(k => k.Text ?? k.Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    private static int Compare(GroupKey[] a, GroupKey[] b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            int c = a[j].CompareTo(b[j]);
            if (c != 0) return c;
        }
        return 0;
    }
}
