using MathNet.Numerics;

namespace MixedEffects.Distributions;

/// <summary>
/// The regularized incomplete beta function I_x(a, b) and its complement, accurate in relative
/// terms in both tails. The continued fraction for I_x(a, b) is used on the side where it converges fast, x &lt; (a + 1) / (a + b + 2); the other side
/// uses the symmetry 1 - I_x(a, b) = I_{1-x}(b, a). The fraction is evaluated bottom-up at doubling depths
/// until two depths agree to 1e-15. The prefactor x^a (1-x)^b / (a B(a, b)) is
/// formed from Stirling's series when a or b is large, so log-gamma differences do not cancel.
/// </summary>
internal static class RegularizedBeta
{
    private const int MaxDepth = 1 << 17;
    private const double Epsilon = 1e-15;
    private const double Tiny = 1e-300;

    /// <summary>I_x(a, b); <paramref name="y"/> must be 1 - x, given separately to keep its precision.</summary>
    public static double Lower(double a, double b, double x, double y)
    {
        if (x <= 0) return 0;
        if (y <= 0) return 1;
        return UseDirectFraction(a, b, x, y) ? ContinuedFraction(a, b, x, y) : 1.0 - ContinuedFraction(b, a, y, x);
    }

    /// <summary>1 - I_x(a, b) = I_{1-x}(b, a); <paramref name="y"/> must be 1 - x.</summary>
    public static double Upper(double a, double b, double x, double y)
    {
        if (x <= 0) return 1;
        if (y <= 0) return 0;
        return UseDirectFraction(a, b, x, y) ? 1.0 - ContinuedFraction(a, b, x, y) : ContinuedFraction(b, a, y, x);
    }

    /// <summary>x &lt; (a + 1) / (a + b + 2), tested through y when x is near 1 so that rounding of x does not decide.</summary>
    private static bool UseDirectFraction(double a, double b, double x, double y) =>
        x <= 0.5 ? x < (a + 1) / (a + b + 2) : y > (b + 1) / (a + b + 2);

    private static double ContinuedFraction(double a, double b, double x, double y)
    {
        double logPrefactor = LogPrefactor(a, b, x, y);
        if (logPrefactor < -745.2) return 0;
        int depth = 16;
        double value = Evaluate(a, b, x, y, depth);
        while (depth < MaxDepth)
        {
            depth *= 2;
            double deeper = Evaluate(a, b, x, y, depth);
            bool converged = Math.Abs(deeper - value) <= Epsilon * Math.Abs(deeper);
            value = deeper;
            if (converged) break;
        }
        return Math.Exp(logPrefactor) * value;
    }

    /// <summary>
    /// The continued fraction 1 / (1 + d1 / (1 + d2 / (1 + ...))) truncated after 2 <paramref name="depth"/>
    /// levels, evaluated from the bottom up. With d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)) and
    /// d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)); 1 + d_{2m+1} is formed from
    /// y = 1 - x without cancellation when x &gt; 1/2, which matters when a is large and x is near 1.
    /// </summary>
    private static double Evaluate(double a, double b, double x, double y, int depth)
    {
        double level = 1, levelMinusOne = 0;
        for (int k = 2 * depth; k >= 1; k--)
        {
            int m = k / 2;
            if (k % 2 == 0)
            {
                levelMinusOne = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m)) / level;
                level = 1 + levelMinusOne;
            }
            else
            {
                double denominator = (a + 2 * m) * (a + 1 + 2 * m);
                double onePlusTerm = x > 0.5
                    ? (a * (1 - b + 2 * m) + m * (3.0 * m + 2 - b) + (a + m) * (a + b + m) * y) / denominator
                    : 1 - (a + m) * (a + b + m) * x / denominator;
                level = (levelMinusOne + onePlusTerm) / level;
                levelMinusOne = level - 1;
            }
            if (Math.Abs(level) < Tiny) level = Tiny;
        }
        return 1 / level;
    }

    /// <summary>log of x^a y^b / (a B(a, b)).</summary>
    private static double LogPrefactor(double a, double b, double x, double y)
    {
        const double large = 10;
        double halfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
        double logX = x < 0.5 ? Math.Log(x) : AccurateMath.Log1p(-y);
        double logY = y < 0.5 ? Math.Log(y) : AccurateMath.Log1p(-x);
        if (a >= large && b >= large)
        {
            double total = a + b;
            return a * AccurateMath.Log1p((x * b - y * a) / a) + b * AccurateMath.Log1p((y * a - x * b) / b)
                + 0.5 * Math.Log(a * b / total) - halfLog2Pi
                + AccurateMath.StirlingRemainder(total) - AccurateMath.StirlingRemainder(a) - AccurateMath.StirlingRemainder(b)
                - Math.Log(a);
        }
        if (a >= large)
            return a * logX + b * (logY + Math.Log(a + b)) + (a - 0.5) * AccurateMath.Log1p(b / a) - b
                + AccurateMath.StirlingRemainder(a + b) - AccurateMath.StirlingRemainder(a) - SpecialFunctions.GammaLn(b) - Math.Log(a);
        if (b >= large)
            return b * logY + a * (logX + Math.Log(a + b)) + (b - 0.5) * AccurateMath.Log1p(a / b) - a
                + AccurateMath.StirlingRemainder(a + b) - AccurateMath.StirlingRemainder(b) - SpecialFunctions.GammaLn(a) - Math.Log(a);
        return a * logX + b * logY + SpecialFunctions.GammaLn(a + b) - SpecialFunctions.GammaLn(a) - SpecialFunctions.GammaLn(b) - Math.Log(a);
    }
}
