namespace MixedEffects.Sql;

/// <summary>DuckDB's SQL (standard quoting and casts).</summary>
public sealed class DuckDbDialect : SqlDialect
{
}
