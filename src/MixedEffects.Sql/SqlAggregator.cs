using System.Data.Common;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Sql;

/// <summary>
/// Computes a linear mixed model's cross products by SQL aggregation: the row counts (rows with a NULL in a model
/// variable are dropped and counted), the factor levels, X'X, X'y and y'y in one pass, per random-effects term one
/// GROUP BY level (Z_i'Z_i, Z_i'X, Z_i'y), and one GROUP BY over the grouping columns of all terms (Z_i'Z_j and the
/// level combinations the factor's pattern needs). Only aggregated rows come back.
/// </summary>
internal sealed class SqlAggregator
{
    private readonly SqlSource _source;
    private readonly DbConnection _connection;
    private readonly SqlVariableResolver _variables;
    private readonly ModelSpecification _spec;
    private readonly ContrastCoding _coding;
    private long _aggregatedRows;

    private SqlAggregator(SqlSource source, DbConnection connection, ModelSpecification spec, ContrastCoding coding)
    {
        _source = source;
        _connection = connection;
        _spec = spec;
        _coding = coding;
        _variables = new SqlVariableResolver(source, connection);
    }

    private SqlDialect Dialect => _source.Dialect;

    private string One => Dialect.Number(1);

    /// <summary>Aggregates the model <paramref name="spec"/> over <paramref name="source"/>.</summary>
    public static SqlModelAggregates Run(SqlSource source, ModelSpecification spec, ContrastCoding coding)
    {
        using var connection = source.Open();
        return new SqlAggregator(source, connection, spec, coding).Run();
    }

    private SqlModelAggregates Run()
    {
        if (_spec.Response is null)
            throw new ModelSpecificationException("the formula has no response: write it as 'response ~ terms'");
        if (_spec.Random.Count == 0)
            throw new ModelSpecificationException("no random-effects terms in the formula: add one such as (1 | group)");
        if (_spec.Response.Expression is CallExpression { Function: "cbind" })
            throw new ModelSpecificationException("this model needs a single numeric response, not cbind(...)");
        foreach (var column in _spec.AllColumns()) _variables.Column(column, column);
        string response = _variables.Numeric(_spec.Response.Expression, _spec.Response.Name);
        foreach (var offset in _spec.Offsets) response = $"({response} - {_variables.Numeric(offset.Expression, offset.Name)})";
        string complete = string.Join(" AND ", _spec.AllColumns().Select(c => $"{Dialect.Identifier(c)} IS NOT NULL"));
        string from = $"FROM {_source.Relation} AS source_rows WHERE {complete}";

        var (n, dropped) = CountRows();
        var x = SqlModelMatrix.Build(_spec.Fixed, _variables, _coding, Dialect);
        var (crossX, keep) = FixedCrossProducts(x, response, from);
        var kept = keep.Select(j => x[j]).ToArray();
        var grouped = GroupedSums(kept, response, from);
        var order = Order(grouped.Terms, n);
        var ordered = order.Select(i => grouped.Terms[i]).ToArray();
        var codes = order.Select(i => grouped.Codes[i]).ToArray();
        var rank = new int[order.Length];
        for (int k = 0; k < order.Length; k++) rank[order[k]] = k;

        var reTerms = ordered.Select((t, i) => new RandomEffectsTerm(t.Spec.GroupName, t.Levels, codes[i],
            t.Columns.Select(c => c.Name).ToArray(), [], TermText(t.Spec))).ToArray();
        var layout = new FactorLayout(reTerms, kept.Length, (int)n, grouped.Combinations);
        var products = new BlockedCrossProducts(layout);
        var filler = new CrossProductFiller(products);
        filler.FixedBlock(crossX, keep);
        for (int i = 0; i < ordered.Length; i++) filler.Term(i, ordered[i].Sums, kept.Length);
        for (int e = 0; e < grouped.Pairs.Count; e++)
        {
            var (i, j, a, b) = grouped.Pairs[e];
            int k = rank[i], l = rank[j];
            if (k > l) (k, l, a, b) = (l, k, b, a);
            for (int c = 0; c < grouped.Combinations; c++)
                filler.Pair(k, codes[k][c], a, l, codes[l][c], b, grouped.PairSums[c * grouped.Pairs.Count + e]);
        }
        return new SqlModelAggregates(reTerms, products, kept.Select(c => c.Name).ToArray(),
            Enumerable.Range(0, x.Count).Except(keep).Select(j => x[j].Name).ToArray(), (int)n, dropped, _aggregatedRows,
            new SqlModelQuery(complete, response, kept, ordered));
    }

    private (long Kept, long Dropped) CountRows()
    {
        string complete = string.Join(" AND ", _spec.AllColumns().Select(c => $"{Dialect.Identifier(c)} IS NOT NULL"));
        long total = 0, kept = 0;
        _source.Query(_connection, $"SELECT COUNT(*), COUNT(CASE WHEN {complete} THEN 1 END) FROM {_source.Relation} AS source_rows",
            r => { total = Convert.ToInt64(r.GetValue(0)); kept = Convert.ToInt64(r.GetValue(1)); });
        if (total == 0) throw new SqlSourceException($"{_source.Description}: no rows (the table or query is empty)");
        if (kept == 0)
            throw new SqlSourceException($"{_source.Description}: no rows left after dropping the {total} rows with missing values in the model's variables");
        if (kept > int.MaxValue) throw new ModelTooLargeException($"{kept} observations are more than this version counts");
        return (kept, total - kept);
    }

    /// <summary>[X y]'[X y] (lower triangle, full X) and the X columns kept by the in-order rank check.</summary>
    private (double[,] Cross, int[] Keep) FixedCrossProducts(IReadOnlyList<SqlModelColumn> x, string response, string from)
    {
        var entries = x.Select(c => c.Expression).Append(response).ToArray();
        var select = new SqlSelectList(One, 0);
        var position = new int[entries.Length, entries.Length];
        for (int a = 0; a < entries.Length; a++)
            for (int b = 0; b <= a; b++) position[a, b] = select.SumOfProduct(entries[a], entries[b]);
        var cross = new double[entries.Length, entries.Length];
        Query($"SELECT {select.Sql} {from}", r =>
        {
            for (int a = 0; a < entries.Length; a++)
                for (int b = 0; b <= a; b++) cross[a, b] = cross[b, a] = r.GetDouble(position[a, b]);
        });
        return (cross, IndependentColumns(cross, x.Count));
    }

    /// <summary>
    /// The columns kept by in-order elimination on X'X: a column is dropped when its residual norm after projection
    /// on the kept columns is below <see cref="FixedEffectsMatrix.RankTolerance"/> times its norm (the in-memory rule).
    /// </summary>
    private static int[] IndependentColumns(double[,] xtx, int p)
    {
        var keep = new List<int>();
        var l = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            double norm2 = xtx[j, j];
            if (norm2 <= 0) continue;
            var row = new double[keep.Count];
            double residual = norm2;
            for (int a = 0; a < keep.Count; a++)
            {
                double s = xtx[j, keep[a]];
                for (int b = 0; b < a; b++) s -= row[b] * l[a, b];
                row[a] = s / l[a, a];
                residual -= row[a] * row[a];
            }
            if (residual <= 0 || Math.Sqrt(residual) < FixedEffectsMatrix.RankTolerance * Math.Sqrt(norm2)) continue;
            int k = keep.Count;
            for (int b = 0; b < k; b++) l[k, b] = row[b];
            l[k, k] = Math.Sqrt(residual);
            keep.Add(j);
        }
        return keep.ToArray();
    }

    /// <summary>
    /// One aggregation query for all terms: GROUP BY GROUPING SETS with one set per term's grouping columns (its
    /// Z_i'Z_i, Z_i'X, Z_i'y per level) and, for several terms, the set of all grouping columns (Z_i'Z_j per
    /// combination of levels that occurs, which is also the factor's level pattern). The engine reads the rows once;
    /// only aggregated rows come back, read once.
    /// </summary>
    private SqlGroupedSums GroupedSums(IReadOnlyList<SqlModelColumn> x, string response, string from)
    {
        var zs = _spec.Random.Select(r => SqlModelMatrix.Build(r.Effects, _variables, _coding, Dialect)).ToArray();
        for (int i = 0; i < zs.Length; i++)
            if (zs[i].Count == 0) throw new ModelSpecificationException($"random-effects term for '{_spec.Random[i].GroupName}' has no columns");
        var groups = _spec.Random.Select(r => r.Grouping.Select(_variables.GroupingColumn).ToArray()).ToArray();
        var columns = groups.SelectMany(g => g).Distinct(StringComparer.Ordinal).ToArray();
        bool crossed = zs.Length > 1;
        var sets = new SqlGroupingSets(columns, groups, crossed, Dialect.GroupingSets);
        var select = new SqlSelectList(One, columns.Length + 1);
        var termLevels = zs.Select((z, i) => new SqlTermLevels(groups[i].Select(c => Array.IndexOf(columns, c)).ToArray(),
            TermPositions(select, z, x, response))).ToArray();
        var pairs = new List<(int I, int J, int A, int B)>();
        var pairPositions = new List<int>();
        for (int i = 0; i < zs.Length; i++)
            for (int j = i + 1; j < zs.Length; j++)
                for (int a = 0; a < zs[i].Count; a++)
                    for (int b = 0; b < zs[j].Count; b++)
                    {
                        pairs.Add((i, j, a, b));
                        pairPositions.Add(select.SumOfProduct(zs[i][a].Expression, zs[j][b].Expression));
                    }
        var columnLevels = columns.Select(_ => new SqlColumnLevels()).ToArray();
        var ids = zs.Select(_ => new List<int>()).ToArray();
        var pairSums = new List<double>();
        var columnIds = new int[columns.Length];
        var sums = new double[select.Count];
        var needed = sets.Masks.ToDictionary(m => m, m => Enumerable.Range(0, zs.Length).Where(i => sets.IsTermSet(m, i))
            .SelectMany(i => termLevels[i].Positions).Concat(crossed && SqlGroupingSets.IsAllColumns(m) ? pairPositions : [])
            .Distinct().ToArray());
        Query(sets.Query(select.Sql, from), r =>
        {
            long set = Convert.ToInt64(r.GetValue(columns.Length), System.Globalization.CultureInfo.InvariantCulture);
            for (int g = 0; g < columns.Length; g++) columnIds[g] = sets.Groups(set, g) ? columnLevels[g].Intern(r, g) : -1;
            foreach (int e in needed[set]) sums[e] = r.GetDouble(columns.Length + 1 + e);
            for (int i = 0; i < termLevels.Length; i++)
            {
                bool own = sets.IsTermSet(set, i), all = crossed && SqlGroupingSets.IsAllColumns(set);
                if (!own && !all) continue;
                int id = termLevels[i].Id(columnIds);
                if (own) termLevels[i].SetSums(id, sums);
                if (all) ids[i].Add(id);
            }
            if (crossed && SqlGroupingSets.IsAllColumns(set)) foreach (int position in pairPositions) pairSums.Add(sums[position]);
        });
        var terms = new SqlTermAggregate[zs.Length];
        var codes = new int[zs.Length][];
        for (int i = 0; i < zs.Length; i++)
        {
            terms[i] = SqlTermAggregate.Sorted(_spec.Random[i], zs[i], groups[i], termLevels[i].Keys(columnLevels), termLevels[i].Sums, out var code);
            codes[i] = crossed ? ids[i].Select(id => code[id]).ToArray() : [];
        }
        return new SqlGroupedSums(terms, codes, crossed ? ids[0].Count : 0, pairs, pairSums.ToArray());
    }

    /// <summary>The positions of a term's sums: Z'Z lower triangle row by row, then per column of Z its products with X and y.</summary>
    private static int[] TermPositions(SqlSelectList select, IReadOnlyList<SqlModelColumn> z, IReadOnlyList<SqlModelColumn> x, string response)
    {
        var positions = new List<int>();
        int s = z.Count;
        for (int a = 0; a < s; a++)
            for (int b = 0; b <= a; b++) positions.Add(select.SumOfProduct(z[a].Expression, z[b].Expression));
        for (int a = 0; a < s; a++)
        {
            foreach (var column in x) positions.Add(select.SumOfProduct(z[a].Expression, column.Expression));
            positions.Add(select.SumOfProduct(z[a].Expression, response));
        }
        return positions.ToArray();
    }

    /// <summary>lme4's checks and order: most levels first, reordered only when a later term has more levels.</summary>
    private static int[] Order(IReadOnlyList<SqlTermAggregate> terms, long n)
    {
        foreach (var t in terms)
        {
            string group = t.Spec.GroupName;
            if (t.Levels.Count < 2)
                throw new ModelSpecificationException($"grouping factor '{group}' has {t.Levels.Count} level; a random effect needs at least 2 levels");
            if (t.Levels.Count >= n)
                throw new ModelSpecificationException(
                    $"grouping factor '{group}' has {t.Levels.Count} levels for {n} observations; the number of levels must be less than the number of observations");
            if ((long)t.Levels.Count * t.Columns.Count >= n)
                throw new ModelSpecificationException(
                    $"term ({TermText(t.Spec)}) has {t.Levels.Count * t.Columns.Count} random effects for {n} observations; the random-effects parameters and the residual variance are unidentifiable");
        }
        var counts = terms.Select(t => t.Levels.Count).ToArray();
        var identity = Enumerable.Range(0, terms.Count).ToArray();
        if (!counts.Zip(counts.Skip(1)).Any(p => p.Second > p.First)) return identity;
        return identity.OrderBy(i => counts[i]).Reverse().ToArray();
    }

    private void Query(string sql, Action<DbDataReader> row) =>
        _source.Query(_connection, sql, r => { _aggregatedRows++; row(r); });

    /// <summary>The term in lme4's notation, as the in-memory builder writes it.</summary>
    private static string TermText(RandomEffectsSpec spec)
    {
        string lhs = spec.Effects.HasIntercept
            ? string.Join(" + ", spec.Effects.Terms.Select(t => t.Label).DefaultIfEmpty("1"))
            : string.Join(" + ", new[] { "0" }.Concat(spec.Effects.Terms.Select(t => t.Label)));
        return $"{lhs} | {spec.GroupName}";
    }
}
