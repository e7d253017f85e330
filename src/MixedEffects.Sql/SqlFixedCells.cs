using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Sql;

/// <summary>
/// The fixed part of a model on one row per distinct combination of the columns its terms read, with the number of
/// rows of each (one GROUP BY in the engine): the frame the term-wise tests build their designs on, each row weighted
/// by its count so that every cross product equals the data's.
/// </summary>
internal static class SqlFixedCells
{
    /// <summary>The most distinct combinations read back (a continuous covariate makes about one per row).</summary>
    public const int MaxCells = 1_000_000;

    /// <summary>The design of the fixed part of <paramref name="spec"/> over the complete rows of <paramref name="source"/>.</summary>
    /// <exception cref="ModelSpecificationException">The fixed-effect columns take more than <see cref="MaxCells"/> distinct combinations.</exception>
    public static FixedTermDesign Design(SqlSource source, ModelSpecification spec, string complete, ContrastCoding coding,
        IReadOnlyList<string> keptColumns)
    {
        var columns = spec.Fixed.Terms.SelectMany(t => t.Variables).SelectMany(v => v.ColumnNames()).Distinct(StringComparer.Ordinal).ToArray();
        var values = columns.Select(_ => new List<object>()).ToArray();
        var counts = new List<double>();
        var dialect = source.Dialect;
        string keys = string.Join(", ", columns.Select(dialect.Identifier));
        string sql = columns.Length == 0
            ? $"SELECT COUNT(*) FROM {source.Relation} AS source_rows WHERE {complete}"
            : $"SELECT {keys}, COUNT(*) FROM {source.Relation} AS source_rows WHERE {complete} GROUP BY {keys} ORDER BY {keys} LIMIT {MaxCells + 1}";
        using (var connection = source.Open())
            source.Query(connection, sql, r =>
            {
                for (int c = 0; c < columns.Length; c++) values[c].Add(r.GetValue(c));
                counts.Add(Convert.ToDouble(r.GetValue(columns.Length), System.Globalization.CultureInfo.InvariantCulture));
            });
        if (counts.Count > MaxCells)
            throw new ModelSpecificationException(
                $"the fixed-effect columns ({string.Join(", ", columns)}) take more than {MaxCells} distinct combinations in {source.Description}: term-wise tests of a SQL fit need fewer (a continuous covariate with many values is too many)");
        var data = new Dataset(columns.Select((name, c) => Column(name, values[c])).Append(new NumericColumn("(cells)", counts)), source.Description);
        var fixedOnly = spec with { Response = null, Offsets = [], Random = [], ReferencedColumns = columns };
        var frame = ModelFrame.Build(fixedOnly, data);
        var full = ModelMatrixBuilder.Build(spec.Fixed, frame, coding);
        var keep = keptColumns.Select(name => Array.IndexOf(full.ColumnNames, name)).ToArray();
        if (keep.Any(j => j < 0))
            throw new ModelSpecificationException("the fixed-effect columns of the SQL fit do not match those built from its distinct combinations");
        return new FixedTermDesign(frame, full.SelectColumns(keep), full, coding, counts.ToArray());
    }

    private static DataColumn Column(string name, List<object> values) =>
        values.Any(v => v is string)
            ? new TextColumn(name, values.Select(v => v as string ?? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))
            : new NumericColumn(name, values.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)));
}
