using System.Data.Common;
using System.Globalization;
using System.Text;

namespace MixedEffects.Sql;

/// <summary>
/// A second pass over the rows in the engine: the conditional modes become one relation per term (a table the engine
/// loads, or a VALUES list), joined to the rows by their grouping columns; the engine computes each row's scaled
/// residual (y - X beta - Z b) / sigma. The five quantiles lme4's summary shows (R's type 7) come from two scans in
/// bounded memory: counts per bucket of width 1/256, then the values of the few buckets that hold the order
/// statistics needed, sorted here. Neither scan keeps all rows' residuals anywhere.
/// </summary>
internal static class SqlResidualPass
{
    /// <summary>Buckets per unit of the scaled residual in the counting pass.</summary>
    private const double BucketsPerUnit = 256;

    private static readonly double[] Probabilities = [0, 0.25, 0.5, 0.75, 1];

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
        string rows = $"FROM {source.Relation} AS source_rows{joins} WHERE {query.Complete}";
        string bucket = $"FLOOR({scaled} * {d.Number(BucketsPerUnit)})";
        var counts = new SortedDictionary<double, long>();
        source.Query(connection, $"SELECT {bucket}, COUNT(*) {rows} GROUP BY 1", r =>
            counts[Convert.ToDouble(r.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture));
        long n = counts.Values.Sum();
        var positions = Probabilities.SelectMany(p => new[] { (long)Math.Floor((n - 1) * p), Math.Min((long)Math.Floor((n - 1) * p) + 1, n - 1) })
            .Distinct().ToArray();
        var first = new Dictionary<double, long>();
        long below = 0;
        foreach (var (b, count) in counts)
        {
            if (positions.Any(k => k >= below && k < below + count)) first[b] = below;
            below += count;
        }
        var values = first.Keys.ToDictionary(b => b, _ => new List<double>());
        string wanted = string.Join(", ", first.Keys.Select(d.Number));
        source.Query(connection, $"SELECT {bucket}, {scaled} {rows} AND {bucket} IN ({wanted})", r =>
            values[Convert.ToDouble(r.GetValue(0), CultureInfo.InvariantCulture)].Add(Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture)));
        foreach (var list in values.Values) list.Sort();
        double OrderStatistic(long k)
        {
            var b = first.Keys.Last(key => first[key] <= k);
            return values[b][(int)(k - first[b])];
        }
        var result = new double[Probabilities.Length];
        for (int q = 0; q < result.Length; q++)
        {
            double h = (n - 1) * Probabilities[q];
            long k = (long)Math.Floor(h);
            double low = OrderStatistic(k);
            result[q] = k + 1 < n ? low + (h - k) * (OrderStatistic(k + 1) - low) : low;
        }
        return result;
    }
}
