namespace MixedEffects.Sql;

/// <summary>DuckDB's SQL (standard quoting and casts).</summary>
public sealed class DuckDbDialect : SqlDialect
{
    /// <inheritdoc />
    public override string FiveQuantiles(string expression) =>
        string.Join(", ", new[] { "0", "0.25", "0.5", "0.75", "1" }.Select(p => $"quantile_cont({expression}, {p})"));
}
