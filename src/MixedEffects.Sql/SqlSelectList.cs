namespace MixedEffects.Sql;

/// <summary>The aggregates of one query: each distinct SUM once, read back by position.</summary>
internal sealed class SqlSelectList
{
    private readonly List<string> _items = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly string _one;

    /// <summary>A list whose products treat <paramref name="one"/> (the literal 1) as the identity.</summary>
    public SqlSelectList(string one, int leading)
    {
        _one = one;
        Leading = leading;
    }

    /// <summary>Number of leading non-aggregate columns (the GROUP BY keys) before the sums.</summary>
    public int Leading { get; }

    /// <summary>Number of distinct sums.</summary>
    public int Count => _items.Count;

    /// <summary>The position (after the leading columns) of SUM(a * b).</summary>
    public int SumOfProduct(string a, string b)
    {
        string product = a == _one ? b : b == _one ? a : $"{a} * {b}";
        string item = $"SUM({product})";
        if (_index.TryGetValue(item, out int i)) return i;
        _index[item] = _items.Count;
        _items.Add(item);
        return _items.Count - 1;
    }

    /// <summary>The sums, comma-separated, in position order.</summary>
    public string Sql => string.Join(", ", _items);
}
