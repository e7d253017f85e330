using System.Data.Common;
using Npgsql;

namespace MixedEffects.Sql;

/// <summary>
/// A table or query in PostgreSQL, reached through Npgsql. The connection is given as a URI
/// (<c>postgresql://user:password@host:port/database</c>) or as a key=value connection string.
/// </summary>
public sealed class PostgresSource : SqlSource
{
    private readonly string _connectionString;
    private readonly string _where;

    /// <summary>A source over <paramref name="table"/> or, when it is null, the result of <paramref name="query"/>.</summary>
    /// <exception cref="SqlSourceException">The connection text cannot be read, or neither or both of table and query are given.</exception>
    public PostgresSource(string connection, string? table, string? query)
    {
        if ((table is null) == (query is null))
            throw new SqlSourceException("a PostgreSQL source needs exactly one of a table (--table) or a query (--query)");
        Dialect = new PostgresDialect();
        var builder = Parse(connection);
        _connectionString = builder.ConnectionString;
        _where = $"postgresql://{(builder.Username is { } u ? u + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";
        Relation = table is not null ? QualifiedName(table) : $"({query!.Trim().TrimEnd(';')})";
        Description = table is not null ? $"{table} at {_where}" : $"query at {_where}";
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override SqlDialect Dialect { get; }

    /// <inheritdoc />
    public override string Relation { get; }

    /// <inheritdoc />
    protected override DbConnection CreateConnection() => new NpgsqlConnection(_connectionString);

    /// <summary>True when <paramref name="text"/> names a PostgreSQL server (a postgresql:// or postgres:// URI).</summary>
    public static bool IsPostgresUri(string text) =>
        text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

    private string QualifiedName(string table) =>
        string.Join(".", table.Split('.').Select(Dialect.Identifier));

    private static NpgsqlConnectionStringBuilder Parse(string connection)
    {
        if (!IsPostgresUri(connection))
        {
            try { return new NpgsqlConnectionStringBuilder(connection); }
            catch (ArgumentException) { throw new SqlSourceException("the PostgreSQL connection string cannot be read (expected postgresql://user@host:port/database or Host=...;Database=...)"); }
        }
        if (!Uri.TryCreate(connection, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new SqlSourceException("the PostgreSQL URI cannot be read (expected postgresql://user@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
            Timeout = 10,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        return builder;
    }
}
