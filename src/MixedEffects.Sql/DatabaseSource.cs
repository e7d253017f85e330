namespace MixedEffects.Sql;

/// <summary>The database servers a source URI may name: PostgreSQL (postgresql://) and ClickHouse (clickhouse://).</summary>
public static class DatabaseSource
{
    /// <summary>The URI forms, for messages.</summary>
    public const string Forms = "postgresql://user@host:port/database or clickhouse://user@host:port/database";

    /// <summary>True when <paramref name="text"/> is a database URI rather than a file.</summary>
    public static bool IsDatabaseUri(string text) => PostgresSource.IsPostgresUri(text) || ClickHouseSource.IsClickHouseUri(text);

    /// <summary>The source over <paramref name="table"/> or <paramref name="query"/> on the server <paramref name="uri"/> names.</summary>
    /// <exception cref="SqlSourceException">The URI cannot be read, or neither or both of table and query are given.</exception>
    public static SqlSource Create(string uri, string? table, string? query) => ClickHouseSource.IsClickHouseUri(uri)
        ? new ClickHouseSource(uri, table, query)
        : new PostgresSource(uri, table, query);
}
