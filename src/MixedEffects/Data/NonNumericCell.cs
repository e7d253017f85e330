namespace MixedEffects.Data;

/// <summary>
/// Names the cell that made a column text when a model needs it numeric: its row, column and value,
/// with a hint when the value is a number written with a decimal comma.
/// </summary>
public static class NonNumericCell
{
    /// <summary>
    /// "'data.csv' row 7, column 'y': 'abc' is not a number" for the first value of the text column
    /// <paramref name="column"/> that is not a number; null when there is no such text column, or when no value of
    /// it is a number (a column of labels, not a numeric column spoiled by a bad cell), or every value is one.
    /// </summary>
    public static string? Describe(Dataset data, string column)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(column);
        if (!data.HasColumn(column) || data[column] is not TextColumn text) return null;
        if (!Enumerable.Range(0, text.Length).Any(row => text[row] is { } v && LooksNumeric(v))) return null;
        for (int row = 0; row < text.Length; row++)
        {
            if (text[row] is not { } value || CsvNumberFormat.Point.TryParse(value, out _)) continue;
            var hint = CsvNumberFormat.LooksLikeDecimalComma(value) ? " (a decimal comma: read the file with --decimal ',')" : "";
            return $"'{data.Source}' row {row + 1}, column '{column}': '{value}' is not a number{hint}";
        }
        return null;
    }

    private static bool LooksNumeric(string value) =>
        CsvNumberFormat.Point.TryParse(value, out _) || CsvNumberFormat.LooksLikeDecimalComma(value);
}
