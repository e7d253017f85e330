using System.Data.Common;
using System.Text;

namespace MixedEffects.Sql;

/// <summary>
/// A second pass over the rows in the engine: the conditional modes become one relation per term (a table the engine
/// loads, or a VALUES list), joined to the rows by their grouping columns; the engine computes each row's scaled
/// residual (y - X beta - Z b) / sigma and returns only its five quantiles (R's type 7), as lme4's summary shows them.
/// </summary>
internal static class SqlResidualPass
{
    public static double[] ScaledResidualQuantiles(SqlSource source, SqlModelQuery query, double[] beta,
        IReadOnlyList<double[]> modes, double sigma)
    {
        var d = source.Dialect;
        var fitted = new StringBuilder();
        for (int j = 0; j < beta.Length; j++)
            fitted.Append($" - {d.Number(beta[j])} * {query.FixedColumns[j].Expression}");
        using DbConnection connection = source.Open();
        var joins = new StringBuilder();
        for (int i = 0; i < query.Terms.Count; i++)
        {
            var term = query.Terms[i];
            var table = new SqlModesTable($"mixed_modes{i}", term.Keys, modes[i], term.Columns.Count);
            string alias = $"modes{i}";
            joins.Append($" JOIN {source.ModesRelation(connection, table)} AS {alias}({string.Join(", ", table.ColumnNames)}) ON ");
            joins.Append(string.Join(" AND ", term.GroupColumns.Select((column, g) => $"source_rows.{column} = {alias}.{SqlModesTable.KeyColumn(g)}")));
            for (int c = 0; c < table.ModeCount; c++) fitted.Append($" - {term.Columns[c].Expression} * {alias}.{SqlModesTable.ModeColumn(c)}");
        }
        string scaled = $"(({query.Response}{fitted}) / {d.Number(sigma)})";
        string sql = $"SELECT {d.FiveQuantiles(scaled)} FROM {source.Relation} AS source_rows{joins} WHERE {query.Complete}";
        var result = new double[5];
        source.Query(connection, sql, r =>
        {
            for (int q = 0; q < 5; q++) result[q] = Convert.ToDouble(r.GetValue(q), System.Globalization.CultureInfo.InvariantCulture);
        });
        return result;
    }
}
