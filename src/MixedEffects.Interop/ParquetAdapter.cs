using MixedEffects.Data;
using Parquet;
using Parquet.Schema;

namespace MixedEffects.Interop;

/// <summary>
/// Reads and writes Parquet files as <see cref="Dataset"/>s (Parquet.Net): numeric columns stay numeric (nulls missing),
/// strings are text and booleans TRUE/FALSE; every row group is read, in order.
/// </summary>
public static class ParquetAdapter
{
    /// <summary>Reads a Parquet file.</summary>
    /// <exception cref="DataFileException">The file is missing, not Parquet, or has a column of an unsupported type (nested, binary, dates).</exception>
    public static async Task<Dataset> ReadFileAsync(string path, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DataFileException($"{path}: no such file");
        await using var stream = File.OpenRead(path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, false, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Parquet.ParquetException)
        {
            throw new DataFileException($"{path}: not a Parquet file ({e.Message})");
        }
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields();
            var parts = fields.Select(_ => new List<object?>()).ToArray();
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                for (int j = 0; j < fields.Length; j++)
                    parts[j].AddRange(await ReadColumnAsync(group, fields[j], path, cancellation).ConfigureAwait(false));
            }
            return new Dataset(fields.Select((f, j) => ClrColumnFactory.Create(f.Name, f.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : f.ClrType, parts[j])), path);
        }
    }

    /// <summary>Writes the dataset as a Parquet file with one row group: numeric columns as nullable doubles, text as strings.</summary>
    public static async Task WriteFileAsync(Dataset data, string path, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(path);
        var fields = data.Columns.Select(c => c is NumericColumn ? (DataField)new DataField<double?>(c.Name) : new DataField<string>(c.Name)).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, null, false, cancellation).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (int j = 0; j < fields.Length; j++)
        {
            switch (data.Columns[j])
            {
                case NumericColumn n:
                    var numbers = n.Values.ToArray().Select(v => double.IsNaN(v) ? (double?)null : v).ToArray();
                    await group.WriteAsync<double>(fields[j], numbers, null, null, cancellation).ConfigureAwait(false);
                    break;
                case TextColumn t:
                    await group.WriteAsync(fields[j], Enumerable.Range(0, t.Length).Select(r => t[r]!).ToArray(), null).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task<object?[]> ReadColumnAsync(ParquetRowGroupReader group, DataField field, string path, CancellationToken cancellation)
    {
        int n = checked((int)group.RowCount);
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (field.IsArray) throw new DataFileException($"{path}: column '{field.Name}' is a repeated (list) column, which a dataset cannot hold");
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var buffer = new string?[n];
            await group.ReadAsync(field, buffer.AsMemory(), null, cancellation).ConfigureAwait(false);
            return buffer;
        }
        return type switch
        {
            _ when type == typeof(double) => await Read<double>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(float) => await Read<float>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(int) => await Read<int>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(long) => await Read<long>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(short) => await Read<short>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(byte) => await Read<byte>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(sbyte) => await Read<sbyte>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(decimal) => await Read<decimal>(group, field, n, cancellation).ConfigureAwait(false),
            _ when type == typeof(bool) => await Read<bool>(group, field, n, cancellation).ConfigureAwait(false),
            _ => throw new DataFileException($"{path}: column '{field.Name}' has Parquet type {type.Name}, which is neither numeric, text nor boolean"),
        };
    }

    private static async Task<object?[]> Read<T>(ParquetRowGroupReader group, DataField field, int n, CancellationToken cancellation) where T : struct
    {
        if (field.IsNullable)
        {
            var buffer = new T?[n];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, cancellation).ConfigureAwait(false);
            return buffer.Select(v => v is T x ? (object?)x : null).ToArray();
        }
        var values = new T[n];
        await group.ReadAsync<T>(field, values.AsMemory(), null, cancellation).ConfigureAwait(false);
        return values.Select(v => (object?)v).ToArray();
    }
}
