using System.Data.Common;
using System.Text;

namespace MixedEffects.Sql;

/// <summary>
/// A second pass over the rows in the engine: the conditional modes go into the query as a VALUES list per term, joined
/// to the rows by their grouping columns; the engine computes each row's scaled residual (y - X beta - Z b) / sigma and
/// returns only its five quantiles (R's type 7), as lme4's summary shows them.
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
        var joins = new StringBuilder();
        for (int i = 0; i < query.Terms.Count; i++)
        {
            var term = query.Terms[i];
            int s = term.Columns.Count, k = term.GroupColumns.Count;
            string alias = $"modes{i}";
            var keyNames = Enumerable.Range(0, k).Select(g => $"mixed_key{g}").ToArray();
            var valueNames = Enumerable.Range(0, s).Select(c => $"mixed_mode{c}").ToArray();
            var rows = term.Keys.Select((key, g) => "(" + string.Join(", ",
                key.Select(v => v.Text is not null ? d.Text(v.Text) : d.Number(v.Number))
                   .Concat(Enumerable.Range(0, s).Select(c => d.Number(modes[i][g * s + c])))) + ")");
            joins.Append($" JOIN (VALUES {string.Join(", ", rows)}) AS {alias}({string.Join(", ", keyNames.Concat(valueNames))}) ON ");
            joins.Append(string.Join(" AND ", term.GroupColumns.Select((column, g) => $"source_rows.{column} = {alias}.{keyNames[g]}")));
            for (int c = 0; c < s; c++) fitted.Append($" - {term.Columns[c].Expression} * {alias}.{valueNames[c]}");
        }
        string scaled = $"(({query.Response}{fitted}) / {d.Number(sigma)})";
        string sql = $"SELECT {d.FiveQuantiles(scaled)} FROM {source.Relation} AS source_rows{joins} WHERE {query.Complete}";
        var result = new double[5];
        using DbConnection connection = source.Open();
        source.Query(connection, sql, r =>
        {
            for (int q = 0; q < 5; q++) result[q] = Convert.ToDouble(r.GetValue(q), System.Globalization.CultureInfo.InvariantCulture);
        });
        return result;
    }
}
