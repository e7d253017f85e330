using System.Globalization;

namespace MixedEffects.Data;

/// <summary>
/// A row condition written as in R's <c>subset(data, ...)</c>: comparisons (<c>== != &lt; &lt;= &gt; &gt;=</c>) of columns with
/// numbers, strings, <c>TRUE</c>/<c>FALSE</c> or other columns, <c>x %in% c(...)</c>, <c>is.na(x)</c>, <c>!</c>, <c>&amp;</c>,
/// <c>|</c> and parentheses. As in R, a row whose condition is NA (a missing value compared) is dropped. A text column
/// compared with a number or TRUE/FALSE compares the text R would print (<c>"TRUE"</c>, <c>"2"</c>).
/// </summary>
public sealed class RowFilter
{
    private readonly RowCondition _condition;

    private RowFilter(string text, RowCondition condition)
    {
        Text = text;
        _condition = condition;
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>Parses a condition.</summary>
    /// <exception cref="ModelSpecificationException">A syntax error, naming its position.</exception>
    public static RowFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Length == 0) throw new ModelSpecificationException("the subset condition is empty");
        return new RowFilter(text, new RowConditionParser(text).ParseAll());
    }

    /// <summary>The rows of <paramref name="data"/> where the condition is TRUE, in order.</summary>
    /// <exception cref="UnknownColumnException">The condition names a column the data does not have.</exception>
    /// <exception cref="ModelSpecificationException">No row is left.</exception>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = Enumerable.Range(0, data.RowCount).Where(r => _condition.Test(data, r) == true).ToArray();
        if (rows.Length == 0)
            throw new ModelSpecificationException($"{data.Source}: no rows satisfy the subset condition '{Text}'");
        return data.SelectRows(rows);
    }

    /// <summary>Formats a number as R prints it for comparisons with text.</summary>
    internal static string FormatNumber(double value) => Formulas.RNumberFormat.Format(value);

    /// <summary>Parses a number literal.</summary>
    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
