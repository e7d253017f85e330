using Microsoft.Data.Analysis;
using MixedEffects.Data;

namespace MixedEffects.Interop;

/// <summary>
/// Converts between Microsoft.Data.Analysis <see cref="DataFrame"/> and <see cref="Dataset"/>: numeric columns stay
/// numeric (null is missing), everything else becomes text (booleans as TRUE/FALSE, as R writes them); a factor with
/// declared levels keeps its values (the level order lives only in the <see cref="Dataset"/>).
/// </summary>
public static class DataFrameAdapter
{
    /// <summary>The data frame as a dataset.</summary>
    /// <param name="frame">The data frame.</param>
    /// <param name="source">Name used in error messages.</param>
    public static Dataset ToDataset(DataFrame frame, string source = "DataFrame")
    {
        ArgumentNullException.ThrowIfNull(frame);
        var columns = frame.Columns.Select(c =>
        {
            var values = new object?[c.Length];
            for (long i = 0; i < c.Length; i++) values[i] = c[i];
            return ClrColumnFactory.Create(c.Name, c.DataType, values);
        });
        return new Dataset(columns, source);
    }

    /// <summary>The dataset as a data frame: numeric columns as <see cref="DoubleDataFrameColumn"/>, text as <see cref="StringDataFrameColumn"/>.</summary>
    public static DataFrame ToDataFrame(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new DataFrame(data.Columns.Select(Column));
    }

    private static DataFrameColumn Column(MixedEffects.Data.DataColumn column) => column switch
    {
        NumericColumn n => new DoubleDataFrameColumn(n.Name, n.Values.ToArray().Select(v => double.IsNaN(v) ? (double?)null : v)),
        TextColumn t => new StringDataFrameColumn(t.Name, Enumerable.Range(0, t.Length).Select(r => t[r])),
        _ => throw new ArgumentException($"column '{column.Name}' has an unsupported type", nameof(column)),
    };
}
