namespace MixedEffects.Sql;

/// <summary>PostgreSQL's SQL (standard quoting and casts).</summary>
public sealed class PostgresDialect : SqlDialect
{
}
