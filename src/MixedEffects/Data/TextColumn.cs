namespace MixedEffects.Data;

/// <summary>A column of strings (a categorical variable); missing values are null.</summary>
public sealed class TextColumn : DataColumn
{
    private readonly string?[] _values;

    /// <summary>Creates a text column; the values are copied.</summary>
    public TextColumn(string name, IEnumerable<string?> values) : base(name) => _values = values.ToArray();

    /// <summary>The value of one row (null where missing).</summary>
    public string? this[int row] => _values[row];

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc />
    public override string? FormatValue(int row) => _values[row];

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows) => new TextColumn(Name, rows.Select(r => _values[r]));

    /// <summary>The distinct non-missing values in ordinal (C-locale) order, as R sorts factor levels.</summary>
    public IReadOnlyList<string> SortedLevels() =>
        _values.Where(v => v is not null).Select(v => v!).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToArray();
}
