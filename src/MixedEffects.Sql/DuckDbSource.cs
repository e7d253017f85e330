using System.Data.Common;
using DuckDB.NET.Data;

namespace MixedEffects.Sql;

/// <summary>
/// A Parquet or CSV file read by embedded DuckDB: the file is scanned in parallel and never loaded whole, so it may be
/// larger than memory. CSV fields "NA" and empty fields are missing, as for the in-memory reader.
/// </summary>
public sealed class DuckDbSource : SqlSource
{
    private readonly string _path;

    /// <summary>A source over the file at <paramref name="path"/> (.parquet, or any other name read as CSV).</summary>
    /// <exception cref="SqlSourceException">The file does not exist.</exception>
    public DuckDbSource(string path)
    {
        if (!File.Exists(path)) throw new SqlSourceException($"{path}: file not found");
        _path = path;
        Dialect = new DuckDbDialect();
    }

    /// <inheritdoc />
    public override string Description => _path;

    /// <inheritdoc />
    public override SqlDialect Dialect { get; }

    /// <summary>True when the file is Parquet (by its extension).</summary>
    public bool IsParquet => _path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || _path.EndsWith(".parq", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string Relation => IsParquet
        ? $"read_parquet({Dialect.Text(_path)})"
        : $"read_csv({Dialect.Text(_path)}, header = true, nullstr = ['NA', ''], types = {{{CsvTypes()}}})";

    /// <summary>Lines of a CSV file read to decide its column types as the in-memory reader does.</summary>
    public const int CsvSampleLines = 10000;

    /// <summary>
    /// The column types of a CSV file as the in-memory reader decides them (text when a field is quoted or not a
    /// number, numbers otherwise), from its first <see cref="CsvSampleLines"/> lines.
    /// </summary>
    private string CsvTypes()
    {
        var sample = new System.Text.StringBuilder();
        using (var reader = new StreamReader(_path))
        {
            for (int i = 0; i <= CsvSampleLines && reader.ReadLine() is { } line; i++) sample.Append(line).Append('\n');
        }
        var data = MixedEffects.Data.CsvReader.Read(new StringReader(sample.ToString()), Description);
        return string.Join(", ", data.Columns.Select(c =>
            $"{Dialect.Text(c.Name)}: {(c is MixedEffects.Data.TextColumn ? "'VARCHAR'" : "'DOUBLE'")}"));
    }

    /// <inheritdoc />
    protected override DbConnection CreateConnection() => new DuckDBConnection("Data Source=:memory:");
}
