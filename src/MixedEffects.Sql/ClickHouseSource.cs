using System.Data.Common;

namespace MixedEffects.Sql;

/// <summary>
/// A table or query on a ClickHouse server, reached through its HTTP interface
/// (<c>clickhouse://user:password@host:port/database</c>, port 8123 by default). With a Distributed table every shard
/// aggregates its own rows and the initiating server merges the partial sums, so only aggregated rows travel.
/// </summary>
public sealed class ClickHouseSource : SqlSource
{
    /// <summary>The HTTP port a ClickHouse server listens on by default.</summary>
    public const int DefaultPort = 8123;

    private readonly Uri _endpoint;
    private readonly string _database;
    private readonly string? _user;
    private readonly string? _password;
    private readonly string _where;

    /// <summary>A source over <paramref name="table"/> or, when it is null, the result of <paramref name="query"/>.</summary>
    /// <exception cref="SqlSourceException">The URI cannot be read, or neither or both of table and query are given.</exception>
    public ClickHouseSource(string connection, string? table, string? query)
    {
        if ((table is null) == (query is null))
            throw new SqlSourceException("a ClickHouse source needs exactly one of a table (--table) or a query (--query)");
        if (!IsClickHouseUri(connection) || !Uri.TryCreate(connection, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new SqlSourceException("the ClickHouse URI cannot be read (expected clickhouse://user@host:port/database)");
        Dialect = new ClickHouseDialect();
        int port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        _database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')) is { Length: > 0 } db ? db : "default";
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            _user = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) _password = Uri.UnescapeDataString(parts[1]);
        }
        string host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.DnsSafeHost}]" : uri.DnsSafeHost;
        _endpoint = new Uri($"http://{host}:{port}/");
        _where = $"clickhouse://{(_user is { } u ? u + "@" : "")}{host}:{port}/{_database}";
        Relation = table is not null ? QualifiedName(table) : $"({query!.Trim().TrimEnd(';')})";
        Description = table is not null ? $"{table} at {_where}" : $"query at {_where}";
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override SqlDialect Dialect { get; }

    /// <inheritdoc />
    public override string Relation { get; }

    /// <summary>True when <paramref name="text"/> names a ClickHouse server (a clickhouse:// URI).</summary>
    public static bool IsClickHouseUri(string text) => text.StartsWith("clickhouse://", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override DbConnection CreateConnection() => new ClickHouseHttpConnection(_endpoint, _database, _user, _password, _where);

    /// <inheritdoc />
    internal override double[] ScaledResidualQuantiles(SqlModelQuery query, double[] beta, IReadOnlyList<double[]> modes,
        double sigma, long observations) =>
        ClickHouseResidualPass.ScaledResidualQuantiles(this, query, beta, modes, sigma, observations);

    private string QualifiedName(string table) => string.Join(".", table.Split('.').Select(Dialect.Identifier));
}
