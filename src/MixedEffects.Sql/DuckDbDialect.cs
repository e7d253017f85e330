namespace MixedEffects.Sql;

/// <summary>DuckDB's SQL (standard quoting and casts).</summary>
public sealed class DuckDbDialect : SqlDialect
{
    /// <summary>One quantile_cont over the list of probabilities (the values are held once, not once per quantile).</summary>
    public override string FiveQuantiles(string expression) =>
        string.Join(", ", Enumerable.Range(1, 5).Select(i => $"quantile_cont({expression}, [0, 0.25, 0.5, 0.75, 1])[{i}]"));
}
