using System.Globalization;

namespace MixedEffects.Reporting;

/// <summary>
/// Formats numbers as R's <c>format()</c> and <c>print()</c> do (R's <c>formatReal</c>): a common number of
/// decimals chosen so that every element shows at least <c>digits</c> significant digits (no more than needed),
/// fixed notation unless scientific is narrower, all results padded to a common width.
/// </summary>
internal static class RNumberFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>R's <c>format(x, digits = digits, nsmall = nsmall)</c>: right-justified strings of common width.</summary>
    public static string[] Format(IReadOnlyList<double> x, int digits, int nsmall = 0)
    {
        bool anyFinite = false, neg = false;
        int rgt = int.MinValue, mxsl = int.MinValue, mxns = int.MinValue, mxe = int.MinValue, mne = int.MaxValue;
        int mxl = int.MinValue;
        bool naOnly = true;
        foreach (var v in x)
        {
            if (!double.IsFinite(v)) continue;
            naOnly = false;
            anyFinite = true;
            var (negative, kpower, nsig, widens) = Scientific(v, digits);
            int left = kpower + 1;
            if (widens) left--;
            int sleft = (negative ? 1 : 0) + (left <= 0 ? 1 : left);
            int right = nsig - left;
            if (negative) neg = true;
            rgt = Math.Max(rgt, right);
            mxl = Math.Max(mxl, left);
            mxsl = Math.Max(mxsl, sleft);
            mxns = Math.Max(mxns, nsig);
            mxe = Math.Max(mxe, kpower);
            mne = Math.Min(mne, kpower);
        }
        string[] result = new string[x.Count];
        if (naOnly || !anyFinite)
        {
            for (int i = 0; i < x.Count; i++) result[i] = NonFinite(x[i]);
            return Pad(result);
        }
        if (mxl < 0) mxsl = 1 + (neg ? 1 : 0);
        if (rgt < 0) rgt = 0;
        int wF = mxsl + rgt + (rgt != 0 ? 1 : 0);
        int e = (mxe >= 100 || mne <= -99) ? 2 : 1;
        int d = mxns - 1;
        int wE = (neg ? 1 : 0) + (d > 0 ? 1 : 0) + d + 4 + e;
        bool fixedNotation = wF <= wE;
        if (fixedNotation && nsmall > rgt) rgt = nsmall;
        for (int i = 0; i < x.Count; i++)
        {
            double v = x[i];
            if (!double.IsFinite(v)) result[i] = NonFinite(v);
            else if (fixedNotation) result[i] = FixedString(v, rgt);
            else result[i] = ScientificString(v, d, e);
        }
        return Pad(result);
    }

    /// <summary>One number as R's <c>cat()</c> or <c>as.character</c> with 7 significant digits prints it.</summary>
    public static string FormatSingle(double x, int digits = 7) => Format([x], digits)[0];

    /// <summary>R's <c>round(x, digits)</c>: the nearer of the two candidates with that many decimals, ties to even.</summary>
    public static double Round(double x, int digits)
    {
        if (!double.IsFinite(x)) return x;
        if (digits > 15) return x;
        double p = Math.Pow(10, digits);
        double scaled = x * p;
        if (Math.Abs(scaled) > 1e17) return x;
        double lo = Math.Floor(scaled), hi = Math.Ceiling(scaled);
        if (lo == hi) return lo / p;
        double xlo = lo / p, xhi = hi / p;
        double dlo = x - xlo, dhi = xhi - x;
        if (dlo < dhi) return xlo;
        if (dhi < dlo) return xhi;
        return Math.IEEERemainder(lo, 2) == 0 ? xlo : xhi;
    }

    /// <summary>
    /// R's (4.2) <c>zapsmall(x, digits)</c>: rounds to <c>max(0, digits - log10(max |x|))</c> decimals, where
    /// <c>round</c> takes the nearest integer number of decimals.
    /// </summary>
    public static double[] ZapSmall(IReadOnlyList<double> x, int digits)
    {
        double mx = x.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        int dig = mx > 0 ? (int)Math.Floor(Math.Max(0, digits - Math.Log10(mx)) + 0.5) : digits;
        return x.Select(v => Round(v, dig)).ToArray();
    }

    private static (bool Negative, int KPower, int NSig, bool RoundingWidens) Scientific(double x, int digits)
    {
        bool negative = x < 0;
        double a = Math.Abs(x);
        if (a == 0) return (false, 0, 1, false);
        string s = a.ToString("E" + (digits - 1).ToString(Invariant), Invariant);
        int ePos = s.IndexOf('E');
        string mantissa = s[..ePos].Replace(".", "", StringComparison.Ordinal);
        int kpower = int.Parse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, Invariant);
        int nsig = digits;
        for (int j = mantissa.Length - 1; j > 0 && mantissa[j] == '0'; j--) nsig--;
        bool widens = kpower > 0 && kpower <= 22 && a < Math.Pow(10, kpower);
        return (negative, kpower, nsig, widens);
    }

    private static string FixedString(double v, int decimals) =>
        v.ToString("F" + decimals.ToString(Invariant), Invariant);

    // The mantissa is rounded from the exact binary value (the standard "E" format, as C's sprintf("%.*e") does), not
    // from a 15-digit string as custom formats do, so -0.053465 (just below the tie) prints -5.346e-02 as in R.
    private static string ScientificString(double v, int decimals, int expDigits)
    {
        string s = v.ToString("E" + decimals.ToString(Invariant), Invariant);
        int ePos = s.IndexOf('E');
        int exponent = int.Parse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, Invariant);
        return s[..ePos] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(new string('0', expDigits + 1), Invariant);
    }

    private static string NonFinite(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "Inf" : "-Inf";

    private static string[] Pad(string[] values)
    {
        int w = values.Length == 0 ? 0 : values.Max(s => s.Length);
        return values.Select(s => s.PadLeft(w)).ToArray();
    }
}
