namespace MixedEffects.Data;

/// <summary>
/// An immutable columnar table (named so that it never clashes with Microsoft.Data.Analysis.DataFrame): named numeric and text columns of equal length.
/// Models read their variables from it by column name.
/// </summary>
public sealed class Dataset
{
    private readonly DataColumn[] _columns;
    private readonly Dictionary<string, DataColumn> _byName;

    /// <summary>Creates a dataset from columns of equal length with distinct names.</summary>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="source">Where the data came from (a file path or dataset name), used in error messages.</param>
    public Dataset(IEnumerable<DataColumn> columns, string source = "data")
    {
        _columns = columns.ToArray();
        Source = source;
        _byName = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (var c in _columns)
        {
            if (!_byName.TryAdd(c.Name, c))
                throw new DataFileException($"{source}: column name '{c.Name}' appears more than once");
        }
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        foreach (var c in _columns)
        {
            if (c.Length != RowCount)
                throw new DataFileException($"{source}: column '{c.Name}' has {c.Length} rows, expected {RowCount}");
        }
    }

    /// <summary>Where the data came from (file path or dataset name).</summary>
    public string Source { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<DataColumn> Columns => _columns;

    /// <summary>The column names in order.</summary>
    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    /// <summary>True when the dataset has a column of that name.</summary>
    public bool HasColumn(string name) => _byName.ContainsKey(name);

    /// <summary>The column of that name; throws <see cref="UnknownColumnException"/> naming the available columns.</summary>
    public DataColumn this[string name] =>
        _byName.TryGetValue(name, out var c)
            ? c
            : throw new UnknownColumnException(name,
                $"{Source}: no column '{name}' (columns are: {string.Join(", ", ColumnNames)})");

    /// <summary>A new dataset with only the given rows, in that order.</summary>
    public Dataset SelectRows(IReadOnlyList<int> rows) => new(_columns.Select(c => c.Select(rows)), Source);

    /// <summary>A new dataset with one column added or replaced.</summary>
    public Dataset WithColumn(DataColumn column) =>
        new(HasColumn(column.Name)
            ? _columns.Select(c => c.Name == column.Name ? column : c)
            : _columns.Append(column), Source);
}
