namespace MixedEffects.Models;

/// <summary>
/// Log-gamma, the regularized upper incomplete gamma function, the normal distribution and the binomial and
/// Poisson log-probabilities the generalized models need (double precision, about 1e-14 relative).
/// </summary>
internal static class GlmSpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>log Gamma(x) for x &gt; 0: Stirling's series after shifting x above 15.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) return double.NaN;
        double shift = 0;
        while (x < 15)
        {
            shift += Math.Log(x);
            x += 1;
        }
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680 + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>Regularized upper incomplete gamma Q(a, x) = Gamma(a, x) / Gamma(a).</summary>
    public static double UpperRegularizedGamma(double a, double x)
    {
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        double logPrefix = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            // series for P(a, x)
            double term = 1 / a, sum = term;
            for (int k = 1; k < 10000; k++)
            {
                term *= x / (a + k);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-17) break;
            }
            return 1 - sum * Math.Exp(logPrefix);
        }
        // continued fraction for Q(a, x) (modified Lentz)
        const double tiny = 1e-300;
        double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 10000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(logPrefix) * h;
    }

    /// <summary>Standard normal distribution function.</summary>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double tail = 0.5 * UpperRegularizedGamma(0.5, 0.5 * x * x);
        return x < 0 ? tail : 1 - tail;
    }

    /// <summary>Upper tail of the standard normal distribution, accurate far into the tail.</summary>
    public static double NormalUpperTail(double x) => x > 0 ? 0.5 * UpperRegularizedGamma(0.5, 0.5 * x * x) : 1 - NormalCdf(x);

    /// <summary>Standard normal density.</summary>
    public static double NormalDensity(double x) => Math.Exp(-0.5 * x * x - HalfLogTwoPi);

    /// <summary>Upper tail of the chi-square distribution with <paramref name="df"/> degrees of freedom.</summary>
    public static double ChiSquareUpperTail(double x, double df) => UpperRegularizedGamma(0.5 * df, 0.5 * x);

    /// <summary>log of the binomial probability of <paramref name="k"/> successes in <paramref name="n"/> trials.</summary>
    public static double LogBinomialProbability(double k, double n, double p)
    {
        if (k < 0 || k > n) return double.NegativeInfinity;
        if (p == 0) return k == 0 ? 0 : double.NegativeInfinity;
        if (p == 1) return k == n ? 0 : double.NegativeInfinity;
        double choose = LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1);
        return choose + (k > 0 ? k * Math.Log(p) : 0) + (n - k > 0 ? (n - k) * Math.Log(1 - p) : 0);
    }

    /// <summary>log of the Poisson probability of <paramref name="y"/> events with mean <paramref name="mu"/>.</summary>
    public static double LogPoissonProbability(double y, double mu)
    {
        if (y < 0) return double.NegativeInfinity;
        if (mu == 0) return y == 0 ? 0 : double.NegativeInfinity;
        return y * Math.Log(mu) - mu - LogGamma(y + 1);
    }
}
