using MixedEffects.Formulas;

namespace MixedEffects.Sql;

/// <summary>
/// One random-effects term rolled up from the aggregation query: the grouping columns, the term's model-matrix columns,
/// the observed levels (sorted as the in-memory factors are) and per level its sums: Z_i'Z_i (lower triangle), Z_i'X, Z_i'y.
/// </summary>
internal sealed class SqlTermAggregate
{
    private SqlTermAggregate(RandomEffectsSpec spec, IReadOnlyList<SqlModelColumn> columns, IReadOnlyList<string> groupColumns,
        GroupKey[][] keys, IReadOnlyList<double[]> sums)
    {
        Spec = spec;
        Columns = columns;
        GroupColumns = groupColumns;
        Keys = keys;
        Levels = keys.Select(k => string.Join(":", k.Select(v => v.Label))).ToArray();
        Sums = sums;
    }

    public RandomEffectsSpec Spec { get; }

    public IReadOnlyList<SqlModelColumn> Columns { get; }

    /// <summary>The quoted grouping columns (several for an interaction such as <c>school:district</c>).</summary>
    public IReadOnlyList<string> GroupColumns { get; }

    public IReadOnlyList<string> Levels { get; }

    /// <summary>Per level (in order), the values of the grouping columns.</summary>
    public IReadOnlyList<GroupKey[]> Keys { get; }

    /// <summary>Per level: the sums of the term in its select-list order.</summary>
    public IReadOnlyList<double[]> Sums { get; }

    /// <summary>
    /// The term with its levels sorted; <paramref name="code"/> maps the id a level had while rolling up to its code.
    /// </summary>
    public static SqlTermAggregate Sorted(RandomEffectsSpec spec, IReadOnlyList<SqlModelColumn> columns, IReadOnlyList<string> groupColumns,
        GroupKey[][] keys, IReadOnlyList<double[]> sums, out int[] code)
    {
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(order, (a, b) => Compare(keys[a], keys[b]));
        code = new int[order.Length];
        for (int g = 0; g < order.Length; g++) code[order[g]] = g;
        return new SqlTermAggregate(spec, columns, groupColumns, order.Select(i => keys[i]).ToArray(), order.Select(i => sums[i]).ToArray());
    }

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
