using System.Globalization;

namespace MixedEffects.Sql;

/// <summary>
/// ClickHouse's SQL: Float64 instead of DOUBLE PRECISION, backslash escapes in text literals, lower-case function
/// names, and exact quantiles from order statistics (see <see cref="ClickHouseResidualPass"/>).
/// </summary>
public sealed class ClickHouseDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Text(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    /// <inheritdoc />
    public override string Number(double value) => $"toFloat64({value.ToString("R", CultureInfo.InvariantCulture)})";

    /// <inheritdoc />
    public override string ToDouble(string expression) => $"toFloat64({expression})";

    /// <inheritdoc />
    public override string NaturalLog(string expression) => $"log({expression})";

    /// <inheritdoc />
    public override string Power(string a, string b) => $"pow({a}, {b})";

    /// <inheritdoc />
    public override string Function(string name, string expression) => $"{name.ToLowerInvariant()}({expression})";

    /// <summary>ClickHouse before 22.x has no GROUPING SETS.</summary>
    public override bool GroupingSets => false;

    /// <summary>
    /// One select item with the order statistics x_(k) (0-based ranks <paramref name="ranks"/>) of the <paramref name="n"/>
    /// values of <paramref name="expression"/>, as an array: <c>quantilesExact(level)</c> returns the value at sorted
    /// position floor(level n), so level (k + 0.5) / n gives rank k exactly.
    /// </summary>
    public static string OrderStatistics(string expression, IReadOnlyList<long> ranks, long n) =>
        "quantilesExact(" + string.Join(", ", ranks.Select(k => ((k + 0.5) / n).ToString("R", CultureInfo.InvariantCulture))) + $")({expression})";
}
