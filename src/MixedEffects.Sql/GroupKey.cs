using MixedEffects.Formulas;

namespace MixedEffects.Sql;

/// <summary>
/// One observed value of a grouping column read back from a query: text, or a number. Orders as the in-memory factor
/// levels do (text ordinally, numbers numerically) and prints as R labels the level.
/// </summary>
internal readonly record struct GroupKey(string? Text, double Number) : IComparable<GroupKey>
{
    /// <summary>The key of a value read from the engine.</summary>
    public static GroupKey From(object value) =>
        value is string s ? new GroupKey(s, 0) : new GroupKey(null, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The level label (numbers in R's format).</summary>
    public string Label => Text ?? RNumberFormat.Format(Number);

    /// <inheritdoc />
    public int CompareTo(GroupKey other) =>
        Text is not null && other.Text is not null ? string.CompareOrdinal(Text, other.Text) : Number.CompareTo(other.Number);
}
