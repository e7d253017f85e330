namespace MixedEffects.Data;

/// <summary>A column of strings (a categorical variable); missing values are null.</summary>
public sealed class TextColumn : DataColumn
{
    private readonly string?[] _values;
    private readonly string[]? _levelOrder;

    /// <summary>Creates a text column; the values are copied.</summary>
    public TextColumn(string name, IEnumerable<string?> values) : base(name) => _values = values.ToArray();

    /// <summary>
    /// Creates a text column whose levels sort in the given order rather than in ordinal order (a column of
    /// numbers declared a factor sorts its levels by value, as R's <c>factor()</c> does); the values are copied.
    /// </summary>
    /// <param name="name">The column name.</param>
    /// <param name="values">The values (null where missing).</param>
    /// <param name="levelOrder">Every distinct non-missing value, in level order.</param>
    public TextColumn(string name, IEnumerable<string?> values, IReadOnlyList<string> levelOrder) : base(name)
    {
        ArgumentNullException.ThrowIfNull(levelOrder);
        _values = values.ToArray();
        _levelOrder = levelOrder.ToArray();
        var known = _levelOrder.ToHashSet(StringComparer.Ordinal);
        if (_values.FirstOrDefault(v => v is not null && !known.Contains(v)) is { } stray)
            throw new ArgumentException($"value '{stray}' of column '{name}' is not among its levels", nameof(levelOrder));
    }

    /// <summary>
    /// Creates a factor column with declared levels (their order is the factor's level order, as R's
    /// <c>factor(x, levels = ...)</c>) and its own contrast coding (R's <c>contrasts(f) &lt;- ...</c>; null for the model's).
    /// </summary>
    /// <exception cref="ModelSpecificationException">A value is not one of the levels, or a level repeats.</exception>
    public TextColumn(string name, IEnumerable<string?> values, IReadOnlyList<string> levels, FactorContrasts? contrasts)
        : this(name, values)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in levels)
            if (!set.Add(level)) throw new ModelSpecificationException($"level '{level}' of '{name}' is given twice");
        for (int row = 0; row < _values.Length; row++)
            if (_values[row] is { } v && !set.Contains(v))
                throw new ModelSpecificationException(
                    $"value '{v}' of '{name}' (row {row + 1}) is not among the levels given ({string.Join(", ", levels)})");
        _levelOrder = levels.ToArray();
        Contrasts = contrasts;
    }

    /// <summary>The levels in the order declared, or null when the levels are the sorted distinct values.</summary>
    public IReadOnlyList<string>? DeclaredLevels => _levelOrder;

    /// <summary>The factor's own contrast coding, or null to use the model's.</summary>
    public FactorContrasts? Contrasts { get; }

    /// <summary>The factor's levels: the values present, in the declared order when there is one (<see cref="SortedLevels"/>).</summary>
    public IReadOnlyList<string> Levels() => SortedLevels();

    /// <summary>The value of one row (null where missing).</summary>
    public string? this[int row] => _values[row];

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc />
    public override string? FormatValue(int row) => _values[row];

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows) =>
        _levelOrder is null
            ? new TextColumn(Name, rows.Select(r => _values[r]))
            : new TextColumn(Name, rows.Select(r => _values[r]), _levelOrder, Contrasts);

    /// <summary>
    /// The distinct non-missing values in ordinal (C-locale) order, as R sorts factor levels, or in the column's
    /// own level order when it has one.
    /// </summary>
    public IReadOnlyList<string> SortedLevels()
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        foreach (var v in _values)
        {
            // a run of one value (long data sorted by subject) is looked up once
            if (v is null || ReferenceEquals(v, previous)) continue;
            present.Add(v);
            previous = v;
        }
        if (_levelOrder is null) return present.Order(StringComparer.Ordinal).ToArray();
        return _levelOrder.Where(present.Contains).ToArray();
    }
}
