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
        var terms = _spec.Random.Select(r => TermAggregate(r, kept, response, from)).ToList();
        var ordered = Order(terms, n);
        var (codes, pairSums, pairIndex, combinations) = Combinations(ordered, from);

        var reTerms = ordered.Select((t, i) => new RandomEffectsTerm(t.Spec.GroupName, t.Levels, codes[i],
            t.Columns.Select(c => c.Name).ToArray(), [], TermText(t.Spec))).ToArray();
        var layout = new FactorLayout(reTerms, kept.Length, (int)n, combinations);
        var products = new BlockedCrossProducts(layout);
        var filler = new CrossProductFiller(products);
        filler.FixedBlock(crossX, keep);
        for (int i = 0; i < ordered.Count; i++) filler.Term(i, ordered[i].Sums, kept.Length);
        for (int c = 0; c < combinations; c++)
            foreach (var (i, j, a, b, position) in pairIndex)
                filler.Pair(i, codes[i][c], a, j, codes[j][c], b, pairSums[c][position]);
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

    private SqlTermAggregate TermAggregate(RandomEffectsSpec spec, IReadOnlyList<SqlModelColumn> x, string response, string from)
    {
        var z = SqlModelMatrix.Build(spec.Effects, _variables, _coding, Dialect);
        if (z.Count == 0) throw new ModelSpecificationException($"random-effects term for '{spec.GroupName}' has no columns");
        var groups = spec.Grouping.Select(_variables.GroupingColumn).ToArray();
        var select = new SqlSelectList(One, groups.Length);
        var positions = new List<int>();
        int s = z.Count;
        for (int a = 0; a < s; a++)
            for (int b = 0; b <= a; b++) positions.Add(select.SumOfProduct(z[a].Expression, z[b].Expression));
        for (int a = 0; a < s; a++)
        {
            foreach (var column in x) positions.Add(select.SumOfProduct(z[a].Expression, column.Expression));
            positions.Add(select.SumOfProduct(z[a].Expression, response));
        }
        var rows = new List<(GroupKey[], double[])>();
        string keys = string.Join(", ", groups);
        Query($"SELECT {keys}, {select.Sql} {from} GROUP BY {keys}", r =>
        {
            var key = new GroupKey[groups.Length];
            for (int g = 0; g < groups.Length; g++) key[g] = GroupKey.From(r.GetValue(g));
            var sums = new double[positions.Count];
            for (int e = 0; e < sums.Length; e++) sums[e] = r.GetDouble(groups.Length + positions[e]);
            rows.Add((key, sums));
        });
        return new SqlTermAggregate(spec, z, groups, rows);
    }

    /// <summary>lme4's checks and order: most levels first, reordered only when a later term has more levels.</summary>
    private static IReadOnlyList<SqlTermAggregate> Order(List<SqlTermAggregate> terms, long n)
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
        if (!counts.Zip(counts.Skip(1)).Any(p => p.Second > p.First)) return terms;
        return Enumerable.Range(0, terms.Count).OrderBy(i => counts[i]).Reverse().Select(i => terms[i]).ToArray();
    }

    /// <summary>
    /// One GROUP BY over the grouping columns of all terms: per combination of levels that occurs, each term's code and
    /// the sums Z_i'Z_j of every pair of terms i &lt; j.
    /// </summary>
    private (int[][] Codes, List<double[]> Sums, List<(int I, int J, int A, int B, int Position)> Index, int Count) Combinations(
        IReadOnlyList<SqlTermAggregate> terms, string from)
    {
        if (terms.Count == 1) return ([[]], [], [], 0);
        var columns = terms.SelectMany(t => t.GroupColumns).Distinct(StringComparer.Ordinal).ToArray();
        var select = new SqlSelectList(One, columns.Length);
        var index = new List<(int, int, int, int, int)>();
        for (int i = 0; i < terms.Count; i++)
            for (int j = i + 1; j < terms.Count; j++)
                for (int a = 0; a < terms[i].Columns.Count; a++)
                    for (int b = 0; b < terms[j].Columns.Count; b++)
                        index.Add((i, j, a, b, select.SumOfProduct(terms[i].Columns[a].Expression, terms[j].Columns[b].Expression)));
        var columnOf = terms.Select(t => t.GroupColumns.Select(c => Array.IndexOf(columns, c)).ToArray()).ToArray();
        var codes = terms.Select(_ => new List<int>()).ToArray();
        var sums = new List<double[]>();
        string keys = string.Join(", ", columns);
        Query($"SELECT {keys}, {select.Sql} {from} GROUP BY {keys}", r =>
        {
            var key = new GroupKey[columns.Length];
            for (int g = 0; g < columns.Length; g++) key[g] = GroupKey.From(r.GetValue(g));
            for (int i = 0; i < terms.Count; i++) codes[i].Add(terms[i].Code(columnOf[i].Select(c => key[c]).ToArray()));
            var row = new double[select.Count];
            for (int e = 0; e < row.Length; e++) row[e] = r.GetDouble(columns.Length + e);
            sums.Add(row);
        });
        return (codes.Select(c => c.ToArray()).ToArray(), sums, index, sums.Count);
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
