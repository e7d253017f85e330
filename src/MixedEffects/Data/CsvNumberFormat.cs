using System.Globalization;

namespace MixedEffects.Data;

/// <summary>
/// How numbers are written in a delimited file: the decimal mark, and whether a comma is accepted as one
/// besides the point (in semicolon-separated files when no decimal mark was named, as R's <c>read.csv2</c>).
/// </summary>
/// <param name="DecimalMark">'.' or ','.</param>
/// <param name="CommaAlsoDecimal">True when a field with a comma instead of the point is read as a number too.</param>
internal readonly record struct CsvNumberFormat(char DecimalMark, bool CommaAlsoDecimal)
{
    /// <summary>The usual format: decimal point only.</summary>
    public static CsvNumberFormat Point => new('.', false);

    /// <summary>
    /// Parses a number the way R reads numeric fields: invariant culture, optional sign, decimal mark,
    /// exponent, and the special values Inf, -Inf, Infinity and NaN.
    /// </summary>
    public bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        if (DecimalMark == ',' || (CommaAlsoDecimal && text.Contains(',')))
        {
            if (text.Contains('.') || text.Length > 64)
            {
                value = 0;
                return false;
            }
            Span<char> copy = stackalloc char[text.Length];
            text.CopyTo(copy);
            copy.Replace(',', '.');
            return TryParseWithPoint(copy, out value);
        }
        return TryParseWithPoint(text, out value);
    }

    /// <summary>True when the text looks like a number written with a decimal comma, e.g. <c>1,5</c>.</summary>
    public static bool LooksLikeDecimalComma(ReadOnlySpan<char> text)
    {
        int comma = text.IndexOf(',');
        return comma > 0 && comma < text.Length - 1 && char.IsDigit(text[comma - 1]) && char.IsDigit(text[comma + 1])
            && new CsvNumberFormat(',', false).TryParse(text, out _);
    }

    private static bool TryParseWithPoint(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        if (text.SequenceEqual("Inf") || text.SequenceEqual("+Inf"))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (text.SequenceEqual("-Inf"))
        {
            value = double.NegativeInfinity;
            return true;
        }
        return false;
    }
}
