using System.Globalization;

namespace MixedEffects.Formulas;

/// <summary>
/// Formats doubles as R's <c>as.character</c> and <c>deparse</c> do: 15 significant digits, trailing zeros
/// dropped, and scientific notation (<c>1e+05</c>, <c>1e-05</c>) when it is narrower than fixed notation.
/// </summary>
internal static class RNumberFormat
{
    private const int Digits = 15;

    /// <summary>The text R prints for the value, e.g. <c>2</c>, <c>0.5</c>, <c>1e+05</c>, <c>0.333333333333333</c>.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        if (value == 0) return "0";

        // Mantissa digits and decimal exponent of the value rounded to 15 significant digits.
        string sci = Math.Abs(value).ToString("E" + (Digits - 1), CultureInfo.InvariantCulture);
        int ePos = sci.IndexOf('E');
        string mantissa = sci[..ePos].Replace(".", "").TrimEnd('0');
        int exponent = int.Parse(sci[(ePos + 1)..], CultureInfo.InvariantCulture);
        if (mantissa.Length == 0) mantissa = "0";
        string sign = value < 0 ? "-" : "";

        // Fixed notation prints as C's "%.*f" with just enough decimals for the 15 significant digits.
        int decimals = Math.Max(0, mantissa.Length - exponent - 1);
        string fixedText = Math.Abs(value).ToString("F" + decimals, CultureInfo.InvariantCulture);
        string expText = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        string sciText = (mantissa.Length > 1 ? mantissa[..1] + "." + mantissa[1..] : mantissa)
                         + "e" + (exponent < 0 ? "-" : "+") + expText;
        return sign + (fixedText.Length <= sciText.Length ? fixedText : sciText);
    }
}
