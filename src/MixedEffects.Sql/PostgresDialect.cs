namespace MixedEffects.Sql;

/// <summary>PostgreSQL's SQL (standard quoting and casts).</summary>
public sealed class PostgresDialect : SqlDialect
{
    /// <inheritdoc />
    public override string FiveQuantiles(string expression) =>
        string.Join(", ", new[] { "0", "0.25", "0.5", "0.75", "1" }.Select(p => $"percentile_cont({p}) WITHIN GROUP (ORDER BY {expression})"));
}
