namespace MixedEffects.Sql;

/// <summary>
/// The grouping sets of the aggregation query: each term's grouping columns and, when there are several terms, all
/// grouping columns together (duplicates once). A row tells its set by GROUPING(...) over all columns: bit k (from the
/// last column) is set when column k is not grouped in that set; with a single set the query is a plain GROUP BY.
/// </summary>
internal sealed class SqlGroupingSets
{
    private readonly long[] _termMasks;
    private readonly int _columnCount;
    private readonly long[] _masks;

    private readonly IReadOnlyList<string> _columns;
    private readonly bool _engineGroupingSets;

    public SqlGroupingSets(IReadOnlyList<string> columns, IReadOnlyList<string[]> termColumns, bool withAllColumns, bool engineGroupingSets)
    {
        _columns = columns;
        _engineGroupingSets = engineGroupingSets;
        _columnCount = columns.Count;
        _termMasks = termColumns.Select(t => Mask(columns, t)).ToArray();
        var masks = _termMasks.Append(withAllColumns ? 0L : _termMasks[0]).Distinct().ToArray();
        _masks = masks;
        string keys = string.Join(", ", columns);
        if (masks.Length == 1)
        {
            SetColumn = $"{masks[0]} AS mixed_set";
            GroupBy = $"GROUP BY {keys}";
        }
        else
        {
            SetColumn = $"GROUPING({keys}) AS mixed_set";
            var sets = masks.Select(m => "(" + string.Join(", ", columns.Where((_, k) => !NotGrouped(m, k))) + ")");
            GroupBy = $"GROUP BY GROUPING SETS ({string.Join(", ", sets)})";
        }
    }

    /// <summary>The distinct sets' GROUPING(...) values.</summary>
    public IReadOnlyList<long> Masks => _masks;

    /// <summary>The select-list item giving a row's set.</summary>
    public string SetColumn { get; }

    /// <summary>The GROUP BY clause.</summary>
    public string GroupBy { get; }

    /// <summary>
    /// The aggregation query: the grouping columns, the set, then <paramref name="sums"/>. Without GROUPING SETS in the
    /// engine, one GROUP BY per set joined by UNION ALL (a column outside the set is given as its MIN, which is
    /// never read, so every branch has the same column types).
    /// </summary>
    public string Query(string sums, string from)
    {
        if (_engineGroupingSets || _masks.Length == 1)
            return $"SELECT {string.Join(", ", _columns)}, {SetColumn}, {sums} {from} {GroupBy}";
        return string.Join(" UNION ALL ", _masks.Select(m =>
        {
            var grouped = _columns.Where((_, k) => !NotGrouped(m, k)).ToArray();
            var items = _columns.Select((c, k) => NotGrouped(m, k) ? $"MIN({c})" : c);
            return $"SELECT {string.Join(", ", items)}, {m} AS mixed_set, {sums} {from} GROUP BY {string.Join(", ", grouped)}";
        }));
    }

    /// <summary>True when the rows of <paramref name="set"/> are grouped by column <paramref name="column"/>.</summary>
    public bool Groups(long set, int column) => !NotGrouped(set, column);

    /// <summary>True when <paramref name="set"/> is term <paramref name="term"/>'s grouping.</summary>
    public bool IsTermSet(long set, int term) => set == _termMasks[term];

    /// <summary>True when <paramref name="set"/> groups by all columns.</summary>
    public static bool IsAllColumns(long set) => set == 0;

    private bool NotGrouped(long mask, int column) => (mask >> (_columnCount - 1 - column) & 1) == 1;

    private long Mask(IReadOnlyList<string> columns, string[] grouped)
    {
        long mask = 0;
        for (int k = 0; k < columns.Count; k++)
            if (!grouped.Contains(columns[k], StringComparer.Ordinal)) mask |= 1L << (_columnCount - 1 - k);
        return mask;
    }
}
