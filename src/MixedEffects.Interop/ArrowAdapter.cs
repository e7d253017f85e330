using Apache.Arrow;
using Apache.Arrow.Types;
using MixedEffects.Data;

namespace MixedEffects.Interop;

/// <summary>
/// Converts between Apache Arrow <see cref="RecordBatch"/> and <see cref="Dataset"/>: integer and floating-point arrays
/// become numeric columns (nulls missing), strings and booleans text, and dictionary-encoded arrays (pandas categoricals,
/// R factors written by arrow) factors whose levels keep the dictionary's order.
/// </summary>
public static class ArrowAdapter
{
    /// <summary>The record batch as a dataset.</summary>
    /// <exception cref="DataFileException">A column of a type that is neither numeric, text, boolean nor dictionary-encoded.</exception>
    public static Dataset ToDataset(RecordBatch batch, string source = "Arrow record batch")
    {
        ArgumentNullException.ThrowIfNull(batch);
        var columns = new List<MixedEffects.Data.DataColumn>();
        for (int j = 0; j < batch.ColumnCount; j++)
            columns.Add(Column(batch.Schema.GetFieldByIndex(j).Name, batch.Column(j), source));
        return new Dataset(columns, source);
    }

    /// <summary>The dataset as a record batch: numeric columns as float64, text as utf8 (factors with declared levels dictionary-encoded).</summary>
    public static RecordBatch ToRecordBatch(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        foreach (var column in data.Columns)
        {
            var array = Array(column);
            fields.Add(new Field(column.Name, array.Data.DataType, nullable: true));
            arrays.Add(array);
        }
        return new RecordBatch(new Schema(fields, null), arrays, data.RowCount);
    }

    private static MixedEffects.Data.DataColumn Column(string name, IArrowArray array, string source)
    {
        switch (array)
        {
            case DictionaryArray dictionary:
                var levels = Texts(dictionary.Dictionary, name, source);
                var codes = Numbers(dictionary.Indices, name, source);
                var values = codes.Select(c => double.IsNaN(c) ? null : levels[(int)c]).ToArray();
                var distinct = levels.Where(l => l is not null).Select(l => l!).Distinct().ToArray();
                return new TextColumn(name, values, distinct);
            case StringArray or BooleanArray:
                return new TextColumn(name, Texts(array, name, source));
            default:
                return new NumericColumn(name, Numbers(array, name, source));
        }
    }

    private static string?[] Texts(IArrowArray array, string name, string source) => array switch
    {
        StringArray s => Enumerable.Range(0, s.Length).Select(i => s.IsNull(i) ? null : s.GetString(i)).ToArray(),
        BooleanArray b => Enumerable.Range(0, b.Length).Select(i => b.GetValue(i) is bool v ? (v ? "TRUE" : "FALSE") : null).ToArray(),
        _ => throw new DataFileException($"{source}: column '{name}' has Arrow type {array.Data.DataType.Name}, not text"),
    };

    private static double[] Numbers(IArrowArray array, string name, string source) => array switch
    {
        DoubleArray a => Read(a.Length, i => a.GetValue(i)),
        FloatArray a => Read(a.Length, i => a.GetValue(i)),
        Int8Array a => Read(a.Length, i => a.GetValue(i)),
        Int16Array a => Read(a.Length, i => a.GetValue(i)),
        Int32Array a => Read(a.Length, i => a.GetValue(i)),
        Int64Array a => Read(a.Length, i => a.GetValue(i)),
        UInt8Array a => Read(a.Length, i => a.GetValue(i)),
        UInt16Array a => Read(a.Length, i => a.GetValue(i)),
        UInt32Array a => Read(a.Length, i => a.GetValue(i)),
        UInt64Array a => Read(a.Length, i => a.GetValue(i)),
        _ => throw new DataFileException(
            $"{source}: column '{name}' has Arrow type {array.Data.DataType.Name}, which is neither numeric, text, boolean nor dictionary-encoded"),
    };

    private static double[] Read<T>(int length, Func<int, T?> value) where T : struct, IConvertible
    {
        var result = new double[length];
        for (int i = 0; i < length; i++)
            result[i] = value(i) is T v ? v.ToDouble(System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
        return result;
    }

    private static IArrowArray Array(MixedEffects.Data.DataColumn column)
    {
        switch (column)
        {
            case NumericColumn n:
                var numbers = new DoubleArray.Builder();
                foreach (var v in n.Values) { if (double.IsNaN(v)) numbers.AppendNull(); else numbers.Append(v); }
                return numbers.Build();
            case TextColumn { DeclaredLevels: { } levels } t:
                var index = levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
                var codes = new Int32Array.Builder();
                for (int r = 0; r < t.Length; r++) { if (t[r] is { } v) codes.Append(index[v]); else codes.AppendNull(); }
                var dictionary = new StringArray.Builder().AppendRange(levels).Build();
                return new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), codes.Build(), dictionary);
            case TextColumn t:
                var texts = new StringArray.Builder();
                for (int r = 0; r < t.Length; r++) { if (t[r] is { } v) texts.Append(v); else texts.AppendNull(); }
                return texts.Build();
            default:
                throw new ArgumentException($"column '{column.Name}' has an unsupported type", nameof(column));
        }
    }
}
