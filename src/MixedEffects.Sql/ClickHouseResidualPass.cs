using System.Globalization;
using System.Text;

namespace MixedEffects.Sql;

/// <summary>
/// The second pass over the rows for ClickHouse: each row's conditional modes are looked up from literal arrays
/// (<c>transform</c> for one text or integer key, <c>indexOf</c> over tuples otherwise; the rows have no NULL in them, so
/// <c>assumeNotNull</c> gives the keys the arrays' types; ClickHouse has no VALUES
/// relation to join), so on a Distributed table every shard computes its rows' scaled residuals. ClickHouse has no
/// interpolating exact quantile, so the pass asks for the order statistics R's type 7 needs and interpolates them.
/// The exact order statistics gather the scaled residuals at the initiating server (8 bytes a row).
/// </summary>
internal static class ClickHouseResidualPass
{
    private static readonly double[] Probabilities = [0, 0.25, 0.5, 0.75, 1];

    public static double[] ScaledResidualQuantiles(SqlSource source, SqlModelQuery query, double[] beta,
        IReadOnlyList<double[]> modes, double sigma, long n)
    {
        var d = source.Dialect;
        var fitted = new StringBuilder();
        for (int j = 0; j < beta.Length; j++)
            fitted.Append($" - {d.Number(beta[j])} * {query.FixedColumns[j].Expression}");
        for (int i = 0; i < query.Terms.Count; i++)
        {
            var term = query.Terms[i];
            int s = term.Columns.Count;
            for (int c = 0; c < s; c++)
            {
                var values = term.Keys.Select((_, g) => d.Number(modes[i][g * s + c]));
                fitted.Append($" - {term.Columns[c].Expression} * {Lookup(d, term, values)}");
            }
        }
        string scaled = $"(({query.Response}{fitted}) / {d.Number(sigma)})";
        var ranks = Probabilities.SelectMany(p => new[] { (long)Math.Floor((n - 1) * p), (long)Math.Ceiling((n - 1) * p) }).ToArray();
        string sql = $"SELECT {ClickHouseDialect.OrderStatistics(scaled, ranks, n)} FROM {source.Relation} AS source_rows WHERE {query.Complete}";
        double[] order = [];
        using (var connection = source.Open())
            source.Query(connection, sql, r => order = ParseArray(r.GetString(0)));
        if (order.Length != ranks.Length) throw new SqlSourceException($"{source.Description}: the residual pass returned {order.Length} order statistics for {ranks.Length}");
        var result = new double[Probabilities.Length];
        for (int q = 0; q < result.Length; q++)
        {
            double h = (n - 1) * Probabilities[q];
            double lo = order[2 * q], hi = order[2 * q + 1];
            result[q] = lo + (h - Math.Floor(h)) * (hi - lo);
        }
        return result;
    }

    /// <summary>The expression giving a row's value from <paramref name="values"/> (one per level) by its grouping key.</summary>
    private static string Lookup(SqlDialect d, SqlTermAggregate term, IEnumerable<string> values)
    {
        string array = "[" + string.Join(", ", values) + "]";
        if (term.GroupColumns.Count == 1 && term.Keys.All(k => k[0].Text is not null))
            return $"transform(assumeNotNull({term.GroupColumns[0]}), [{string.Join(", ", term.Keys.Select(k => d.Text(k[0].Text!)))}], {array}, {d.Number(0)})";
        if (term.GroupColumns.Count == 1 && term.Keys.All(k => k[0].Text is null && Math.Abs(k[0].Number) < 1e15 && k[0].Number == Math.Floor(k[0].Number)))
            // transform does not match Float64 keys on this server generation; integer keys it does
            return $"transform(toInt64(assumeNotNull({term.GroupColumns[0]})), [{string.Join(", ", term.Keys.Select(k => $"toInt64({((long)k[0].Number).ToString(CultureInfo.InvariantCulture)})"))}], {array}, {d.Number(0)})";
        string Key(GroupKey[] key) => "tuple(" + string.Join(", ", key.Select(v => v.Text is not null ? d.Text(v.Text) : d.Number(v.Number))) + ")";
        string row = "tuple(" + string.Join(", ", term.GroupColumns.Select((c, g) => term.Keys[0][g].Text is not null ? $"assumeNotNull({c})" : d.ToDouble($"assumeNotNull({c})"))) + ")";
        return $"arrayElement({array}, indexOf([{string.Join(", ", term.Keys.Select(Key))}], {row}))";
    }

    private static double[] ParseArray(string text) =>
        text.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
}
