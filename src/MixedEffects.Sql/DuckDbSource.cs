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
    private readonly DuckDbSettings _settings;

    /// <summary>
    /// A source over the file at <paramref name="path"/> (.parquet, or any other name read as CSV), read with
    /// <paramref name="settings"/> (by default DuckDB's memory bounded by <see cref="DuckDbSettings.DefaultMemoryLimit"/>).
    /// </summary>
    /// <exception cref="SqlSourceException">The file does not exist.</exception>
    public DuckDbSource(string path, DuckDbSettings? settings = null)
    {
        if (!File.Exists(path)) throw new SqlSourceException($"{path}: file not found");
        _path = path;
        _settings = settings ?? new DuckDbSettings();
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

    /// <summary>The modes loaded into a table of the connection's in-memory database through DuckDB's appender.</summary>
    internal override string ModesRelation(DbConnection connection, SqlModesTable table)
    {
        var columns = Enumerable.Range(0, table.KeyCount)
            .Select(k => $"{SqlModesTable.KeyColumn(k)} {(table.Keys[0][k].Text is null ? "DOUBLE" : "VARCHAR")}")
            .Concat(Enumerable.Range(0, table.ModeCount).Select(c => $"{SqlModesTable.ModeColumn(c)} DOUBLE"));
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE OR REPLACE TABLE {table.Name} ({string.Join(", ", columns)})";
            command.ExecuteNonQuery();
        }
        using (var appender = ((DuckDBConnection)connection).CreateAppender(table.Name))
        {
            for (int g = 0; g < table.Keys.Count; g++)
            {
                var row = appender.CreateRow();
                foreach (var key in table.Keys[g])
                    row = key.Text is null ? row.AppendValue(key.Number) : row.AppendValue(key.Text);
                for (int c = 0; c < table.ModeCount; c++) row = row.AppendValue(table.Modes[g * table.ModeCount + c]);
                row.EndRow();
            }
        }
        return table.Name;
    }

    /// <inheritdoc />
    protected override DbConnection CreateConnection() => new DuckDBConnection(_settings.ConnectionString());
}
