using MathNet.Numerics;

namespace MixedEffects.Distributions;

/// <summary>
/// The regularized lower incomplete gamma function P(a, x). For x &lt; a + 1 it sums the series
/// x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)), which stays accurate in relative
/// terms for tiny x (where MathNet's implementation returns 0); otherwise it is
/// 1 - Q(a, x) from MathNet's upper function.
/// </summary>
internal static class RegularizedGamma
{
    /// <summary>P(a, x) for a &gt; 0, x &gt;= 0.</summary>
    public static double Lower(double a, double x)
    {
        if (x <= 0) return 0;
        if (x >= a + 1) return 1.0 - SpecialFunctions.GammaUpperRegularized(a, x);
        double term = 1.0, sum = 1.0;
        for (int n = 1; n < 100000; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return Math.Exp(a * Math.Log(x) - x - SpecialFunctions.GammaLn(a + 1)) * sum;
    }
}
