namespace MixedEffects.Sql;

/// <summary>
/// One term's levels found in the rows of the aggregation query: a level is a combination of the ids of its grouping
/// columns; each gets an id in the order first seen, and keeps the sums of its own grouping set's row.
/// </summary>
internal sealed class SqlTermLevels
{
    private readonly int[] _columns;
    private readonly Dictionary<long, int>[] _chain;
    private readonly List<int[]> _columnIds = [];
    private readonly List<double[]> _sums = [];
    private readonly int[] _positions;

    /// <summary>A term over the grouping columns <paramref name="columns"/> (indexes into the query's keys) whose sums are at <paramref name="positions"/>.</summary>
    public SqlTermLevels(int[] columns, int[] positions)
    {
        _columns = columns;
        _positions = positions;
        _chain = Enumerable.Range(0, Math.Max(columns.Length - 1, 0)).Select(_ => new Dictionary<long, int>()).ToArray();
    }

    /// <summary>The positions of the term's sums in the query's select list.</summary>
    public IReadOnlyList<int> Positions => _positions;

    /// <summary>Number of levels seen.</summary>
    public int Count => _sums.Count;

    /// <summary>The level id of a row whose grouping columns have the ids <paramref name="columnIds"/> (a new id when first seen).</summary>
    public int Id(int[] columnIds)
    {
        int id = columnIds[_columns[0]];
        for (int k = 1; k < _columns.Length; k++)
        {
            long pair = ((long)id << 32) | (uint)columnIds[_columns[k]];
            if (!_chain[k - 1].TryGetValue(pair, out int next))
            {
                next = _chain[k - 1].Count;
                _chain[k - 1][pair] = next;
            }
            id = next;
        }
        while (_sums.Count <= id)
        {
            _sums.Add(new double[_positions.Length]);
            _columnIds.Add([]);
        }
        if (_columnIds[id].Length == 0) _columnIds[id] = _columns.Select(c => columnIds[c]).ToArray();
        return id;
    }

    /// <summary>Sets the sums of the level with id <paramref name="id"/> from a row's sums (the query's select-list order).</summary>
    public void SetSums(int id, double[] sums)
    {
        var level = _sums[id];
        for (int e = 0; e < _positions.Length; e++) level[e] = sums[_positions[e]];
    }

    /// <summary>Per level id: the values of its grouping columns.</summary>
    public GroupKey[][] Keys(IReadOnlyList<SqlColumnLevels> columns) =>
        _columnIds.Select(ids => ids.Select((id, k) => columns[_columns[k]][id]).ToArray()).ToArray();

    /// <summary>Per level id: its summed sums (the term's select-list order).</summary>
    public IReadOnlyList<double[]> Sums => _sums;
}
