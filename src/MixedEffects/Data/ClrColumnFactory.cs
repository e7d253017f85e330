using System.Globalization;

namespace MixedEffects.Data;

/// <summary>
/// Turns a sequence of .NET values into a column: numeric types (and their nullable forms)
/// become a <see cref="NumericColumn"/>, everything else a <see cref="TextColumn"/>.
/// Null and <see cref="DBNull"/> are missing values.
/// </summary>
internal static class ClrColumnFactory
{
    /// <summary>
    /// Creates a column. A column declared as <see cref="object"/> is numeric when all its
    /// non-missing values are of numeric types. Enum columns hold names, also when the values
    /// arrive as their underlying integers (as <see cref="System.Data.DataTable"/> stores them).
    /// </summary>
    public static DataColumn Create(string name, Type declaredType, IReadOnlyList<object?> values)
    {
        var type = Nullable.GetUnderlyingType(declaredType) ?? declaredType;
        if (type.IsEnum)
            values = values.Select(v => IsMissing(v) || v!.GetType() == type ? v : Enum.ToObject(type, v)).ToArray();
        bool numeric = IsNumericType(type)
            || (type == typeof(object) && values.All(v => IsMissing(v) || IsNumericType(v!.GetType())));
        if (numeric) return new NumericColumn(name, values.Select(ToNumber));
        // an enum is a factor whose levels keep the enum's order (by value, as declared), not the alphabet's
        return type.IsEnum
            ? new TextColumn(name, values.Select(ToText), Enum.GetValues(type).Cast<object>().Select(v => v.ToString()!).Distinct().ToArray())
            : new TextColumn(name, values.Select(ToText));
    }

    /// <summary>True for the built-in integer and floating-point types and decimal.</summary>
    public static bool IsNumericType(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(decimal)
        || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte);

    private static bool IsMissing(object? value) => value is null || value is DBNull;

    private static double ToNumber(object? value) =>
        IsMissing(value) ? double.NaN : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    private static string? ToText(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "TRUE" : "FALSE",
        DateTime d => d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
