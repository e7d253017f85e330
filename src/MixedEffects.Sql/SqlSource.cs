using System.Data.Common;

namespace MixedEffects.Sql;

/// <summary>
/// Where the rows live: a SQL engine, the relation the model reads (a file, a table or a query) and how to connect.
/// The aggregation queries select from <see cref="Relation"/>; only their aggregated rows come back.
/// </summary>
public abstract class SqlSource
{
    /// <summary>The source as the summary's "Data:" line and error messages show it (never with a password).</summary>
    public abstract string Description { get; }

    /// <summary>The engine's SQL spelling.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>The relation to select from, as it goes after FROM before an alias (a table name, a table function, or a parenthesized query).</summary>
    public abstract string Relation { get; }

    /// <summary>Opens a connection (the caller disposes it).</summary>
    /// <exception cref="SqlSourceException">The engine cannot be reached.</exception>
    public DbConnection Open()
    {
        var connection = CreateConnection();
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
        {
            connection.Dispose();
            throw new SqlSourceException($"cannot connect to {Description}: {FirstLine(e)}");
        }
    }

    /// <summary>Runs <paramref name="sql"/> and hands every row to <paramref name="row"/>; engine errors become one line.</summary>
    internal void Query(DbConnection connection, string sql, Action<DbDataReader> row)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            using var reader = command.ExecuteReader();
            while (reader.Read()) row(reader);
        }
        catch (DbException e)
        {
            throw new SqlSourceException($"{Description}: {FirstLine(e)}");
        }
    }

    /// <summary>The relation's columns and their .NET types, in order (a query that returns no rows).</summary>
    internal IReadOnlyList<(string Name, Type Type)> Columns(DbConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {Relation} AS source_columns LIMIT 0";
            using var reader = command.ExecuteReader();
            return Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetFieldType(i))).ToArray();
        }
        catch (DbException e)
        {
            throw new SqlSourceException($"{Description}: {FirstLine(e)}");
        }
    }

    /// <summary>
    /// The modes as a relation later queries on <paramref name="connection"/> can join (what goes after JOIN before
    /// an alias). By default a VALUES list inside the query; an engine that can load a table faster overrides this.
    /// </summary>
    internal virtual string ModesRelation(DbConnection connection, SqlModesTable table)
    {
        var d = Dialect;
        var rows = table.Keys.Select((key, g) => "(" + string.Join(", ",
            key.Select(v => v.Text is not null ? d.Text(v.Text) : d.Number(v.Number))
               .Concat(Enumerable.Range(0, table.ModeCount).Select(c => d.Number(table.Modes[g * table.ModeCount + c])))) + ")");
        return $"(VALUES {string.Join(", ", rows)})";
    }

    /// <summary>
    /// The quantiles 0, 0.25, 0.5, 0.75 and 1 (R's type 7) of the scaled residuals at the estimates, by a second pass over
    /// the <paramref name="observations"/> rows in the engine.
    /// </summary>
    internal virtual double[] ScaledResidualQuantiles(SqlModelQuery query, double[] beta, IReadOnlyList<double[]> modes,
        double sigma, long observations) =>
        SqlResidualPass.ScaledResidualQuantiles(this, query, beta, modes, sigma);

    /// <summary>A new, unopened connection.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>The first line of an exception's message, and of its innermost cause when that says more.</summary>
    protected static string FirstLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        string Line(Exception x) => x.Message.Split('\n')[0].Trim();
        return inner == e || Line(e).Contains(Line(inner), StringComparison.Ordinal) ? Line(e) : $"{Line(e)} ({Line(inner)})";
    }
}
