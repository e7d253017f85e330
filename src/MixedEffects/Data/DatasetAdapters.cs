using System.Reflection;
using SystemData = System.Data;

namespace MixedEffects.Data;

/// <summary>
/// Builds a <see cref="Dataset"/> from in-memory .NET data: a <see cref="SystemData.DataTable"/>
/// or a sequence of objects.
/// </summary>
/// <remarks>
/// Columns of numeric types (<c>int</c>, <c>double</c>, <c>decimal</c>, ... and their nullable forms)
/// become numeric columns; all others become text columns: strings as they are, <c>bool</c> as
/// <c>TRUE</c>/<c>FALSE</c> as in R, enums by name, dates in ISO form, other values through their
/// invariant-culture text. Null and <see cref="DBNull"/> are missing values. A column typed
/// <see cref="object"/> is numeric when all its non-missing values are numbers.
/// </remarks>
public static class DatasetAdapters
{
    /// <summary>Converts a data table; columns keep their names and order. Deleted rows are skipped.</summary>
    /// <param name="table">The table.</param>
    public static Dataset FromDataTable(SystemData.DataTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Rows.Cast<SystemData.DataRow>()
            .Where(r => r.RowState != SystemData.DataRowState.Deleted)
            .ToArray();
        var columns = new List<DataColumn>(table.Columns.Count);
        foreach (SystemData.DataColumn column in table.Columns)
        {
            var values = rows.Select(r => (object?)r[column]).ToArray();
            columns.Add(ClrColumnFactory.Create(column.ColumnName, column.DataType, values));
        }
        var source = string.IsNullOrEmpty(table.TableName) ? "DataTable" : $"DataTable '{table.TableName}'";
        return new Dataset(columns, source);
    }

    /// <summary>
    /// Converts a sequence of objects: one column per public readable instance property of
    /// <typeparamref name="T"/>, in declaration order (base-class properties first).
    /// </summary>
    /// <param name="records">The rows; must not contain null.</param>
    /// <param name="source">Name of the data used in error messages.</param>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no public readable properties, or a record is null.</exception>
    public static Dataset FromRecords<T>(IEnumerable<T> records, string source = "records")
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(source);
        var properties = ReadableProperties(typeof(T));
        if (properties.Count == 0)
            throw new ArgumentException($"type '{typeof(T).Name}' has no public readable properties to use as columns", nameof(records));

        var items = records.ToArray();
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is null) throw new ArgumentException($"record {i} is null", nameof(records));
        }
        var columns = properties.Select(p =>
        {
            var values = new object?[items.Length];
            for (int i = 0; i < items.Length; i++) values[i] = p.GetValue(items[i]);
            return ClrColumnFactory.Create(p.Name, p.PropertyType, values);
        });
        return new Dataset(columns.ToArray(), source);
    }

    /// <summary>Public readable non-indexed instance properties, base types first, each in declaration order.</summary>
    private static List<PropertyInfo> ReadableProperties(Type type)
    {
        var hierarchy = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) hierarchy.Push(t);

        var ordered = new List<PropertyInfo>();
        var positionByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in hierarchy)
        {
            var declared = t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
                .OrderBy(p => p.MetadataToken);
            foreach (var p in declared)
            {
                if (positionByName.TryGetValue(p.Name, out int position))
                {
                    ordered[position] = p;
                }
                else
                {
                    positionByName[p.Name] = ordered.Count;
                    ordered.Add(p);
                }
            }
        }
        return ordered;
    }
}
