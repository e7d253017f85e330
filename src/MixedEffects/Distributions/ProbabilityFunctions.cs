using MathNet.Numerics;

namespace MixedEffects.Distributions;

/// <summary>
/// Tail probabilities and quantiles of the t, F, chi-square and normal distributions used for
/// tests and intervals. Upper tails are computed from the complementary regularized incomplete
/// beta and gamma functions (never as 1 - cdf), so p-values keep full relative accuracy far into
/// the tails (below 1e-300 where representable). Degrees of freedom may be
/// <see cref="double.PositiveInfinity"/> (the normal or chi-square limit). Invalid parameters
/// give NaN, as in R.
/// </summary>
public static class ProbabilityFunctions
{
    /// <summary>Two-sided p-value of a t statistic: 2 P(T_df &gt; |t|), as R's <c>2 * pt(abs(t), df, lower.tail = FALSE)</c>.</summary>
    /// <param name="t">Test statistic.</param>
    /// <param name="df">Degrees of freedom (&gt; 0, or infinity for the normal).</param>
    public static double TwoSidedTPValue(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || df <= 0) return double.NaN;
        double a = Math.Abs(t);
        if (double.IsPositiveInfinity(df)) return TwoSidedNormalPValue(a);
        if (double.IsPositiveInfinity(a)) return 0;
        return TwoSidedFromBeta(a, df);
    }

    /// <summary>Upper tail P(T_df &gt; t), as R's <c>pt(t, df, lower.tail = FALSE)</c>.</summary>
    /// <param name="t">Value.</param>
    /// <param name="df">Degrees of freedom (&gt; 0, or infinity for the normal).</param>
    public static double StudentTUpperTail(double t, double df)
    {
        if (double.IsNaN(t) || double.IsNaN(df) || df <= 0) return double.NaN;
        if (double.IsPositiveInfinity(df)) return NormalUpperTail(t);
        if (double.IsInfinity(t)) return t > 0 ? 0 : 1;
        double half = 0.5 * TwoSidedFromBeta(Math.Abs(t), df);
        return t > 0 ? half : 1.0 - half;
    }

    /// <summary>Lower tail P(T_df &lt;= t), as R's <c>pt(t, df)</c>.</summary>
    /// <param name="t">Value.</param>
    /// <param name="df">Degrees of freedom (&gt; 0, or infinity).</param>
    public static double StudentTCdf(double t, double df) => StudentTUpperTail(-t, df);

    /// <summary>Upper tail P(F &gt; f) of the F distribution, as R's <c>pf(f, df1, df2, lower.tail = FALSE)</c>.</summary>
    /// <param name="f">Value.</param>
    /// <param name="df1">Numerator degrees of freedom (&gt; 0).</param>
    /// <param name="df2">Denominator degrees of freedom (&gt; 0, or infinity: chi-square of df1 * f).</param>
    public static double FUpperTail(double f, double df1, double df2)
    {
        if (double.IsNaN(f) || double.IsNaN(df1) || double.IsNaN(df2) || df1 <= 0 || df2 <= 0 || double.IsInfinity(df1)) return double.NaN;
        if (f <= 0) return 1;
        if (double.IsPositiveInfinity(f)) return 0;
        if (double.IsPositiveInfinity(df2)) return ChiSquareUpperTail(f * df1, df1);
        double denominator = df2 + df1 * f;
        return RegularizedBeta.Lower(0.5 * df2, 0.5 * df1, df2 / denominator, df1 * f / denominator);
    }

    /// <summary>Lower tail P(F &lt;= f), as R's <c>pf(f, df1, df2)</c>.</summary>
    /// <param name="f">Value.</param>
    /// <param name="df1">Numerator degrees of freedom (&gt; 0).</param>
    /// <param name="df2">Denominator degrees of freedom (&gt; 0, or infinity).</param>
    public static double FCdf(double f, double df1, double df2)
    {
        if (double.IsNaN(f) || double.IsNaN(df1) || double.IsNaN(df2) || df1 <= 0 || df2 <= 0 || double.IsInfinity(df1)) return double.NaN;
        if (f <= 0) return 0;
        if (double.IsPositiveInfinity(f)) return 1;
        if (double.IsPositiveInfinity(df2)) return ChiSquareCdf(f * df1, df1);
        double denominator = df2 + df1 * f;
        return RegularizedBeta.Upper(0.5 * df2, 0.5 * df1, df2 / denominator, df1 * f / denominator);
    }

    /// <summary>Upper tail P(X &gt; x) of the chi-square distribution, as R's <c>pchisq(x, df, lower.tail = FALSE)</c>.</summary>
    /// <param name="x">Value.</param>
    /// <param name="df">Degrees of freedom (&gt; 0).</param>
    public static double ChiSquareUpperTail(double x, double df)
    {
        if (double.IsNaN(x) || double.IsNaN(df) || df <= 0 || double.IsInfinity(df)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * x);
    }

    /// <summary>Lower tail P(X &lt;= x) of the chi-square distribution, as R's <c>pchisq(x, df)</c>.</summary>
    /// <param name="x">Value.</param>
    /// <param name="df">Degrees of freedom (&gt; 0).</param>
    public static double ChiSquareCdf(double x, double df)
    {
        if (double.IsNaN(x) || double.IsNaN(df) || df <= 0 || double.IsInfinity(df)) return double.NaN;
        if (x <= 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return RegularizedGamma.Lower(0.5 * df, 0.5 * x);
    }

    /// <summary>Upper tail P(Z &gt; z) of the standard normal, as R's <c>pnorm(z, lower.tail = FALSE)</c>.</summary>
    /// <param name="z">Value.</param>
    public static double NormalUpperTail(double z) => 0.5 * SpecialFunctions.Erfc(z / Constants.Sqrt2);

    /// <summary>Lower tail P(Z &lt;= z) of the standard normal, as R's <c>pnorm(z)</c>.</summary>
    /// <param name="z">Value.</param>
    public static double NormalCdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Constants.Sqrt2);

    /// <summary>Two-sided p-value of a z statistic: 2 P(Z &gt; |z|), as R's <c>2 * pnorm(-abs(z))</c>.</summary>
    /// <param name="z">Test statistic.</param>
    public static double TwoSidedNormalPValue(double z) => double.IsNaN(z) ? double.NaN : SpecialFunctions.Erfc(Math.Abs(z) / Constants.Sqrt2);

    /// <summary>Standard normal quantile, as R's <c>qnorm(p)</c>: Newton-polished inverse of the complementary error function.</summary>
    /// <param name="p">Lower-tail probability in [0, 1].</param>
    public static double NormalQuantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p > 0.5) return -NormalQuantile(1.0 - p);
        double z = -Constants.Sqrt2 * SpecialFunctions.ErfcInv(2.0 * p);
        return PolishLowerTailQuantile(z, p, NormalCdf, x => Math.Exp(-0.5 * x * x) / Constants.Sqrt2Pi);
    }

    /// <summary>
    /// Student t quantile, as R's <c>qt(p, df)</c>; df = infinity gives the normal quantile. Solved
    /// by Newton's method on the logarithm of the tail probability, so tiny p stay accurate
    /// (for df &lt; 1, quantiles beyond about 1e150 in magnitude are not reliable).
    /// </summary>
    /// <param name="p">Lower-tail probability in [0, 1].</param>
    /// <param name="df">Degrees of freedom (&gt; 0, or infinity).</param>
    public static double StudentTQuantile(double p, double df)
    {
        if (double.IsNaN(p) || double.IsNaN(df) || df <= 0 || p < 0 || p > 1) return double.NaN;
        if (double.IsPositiveInfinity(df)) return NormalQuantile(p);
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p == 0.5) return 0;
        if (p > 0.5) return -StudentTQuantile(1.0 - p, df);
        double start = StartingTQuantile(p, df);
        double logDensityConstant = SpecialFunctions.GammaLn(0.5 * (df + 1)) - SpecialFunctions.GammaLn(0.5 * df) - 0.5 * Math.Log(df * Math.PI);
        double density(double x) => Math.Exp(logDensityConstant - 0.5 * (df + 1) * Math.Log(1 + x * x / df));
        return PolishLowerTailQuantile(start, p, x => StudentTCdf(x, df), density);
    }

    /// <summary>F quantile, as R's <c>qf(p, df1, df2)</c>; df2 = infinity gives qchisq(p, df1) / df1.</summary>
    /// <param name="p">Lower-tail probability in [0, 1].</param>
    /// <param name="df1">Numerator degrees of freedom (&gt; 0).</param>
    /// <param name="df2">Denominator degrees of freedom (&gt; 0, or infinity).</param>
    public static double FQuantile(double p, double df1, double df2)
    {
        if (double.IsNaN(p) || double.IsNaN(df1) || double.IsNaN(df2) || df1 <= 0 || df2 <= 0 || double.IsInfinity(df1) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return 0;
        if (p == 1) return double.PositiveInfinity;
        if (double.IsPositiveInfinity(df2)) return ChiSquareQuantile(p, df1) / df1;
        if (df1 == 1)
        {
            double t = StudentTQuantile(0.5 * (1 - p), df2);
            return t * t;
        }
        double start = Math.Max(ChiSquareQuantile(p, df1) / df1, 1e-8);
        double f(double x) => p <= 0.5 ? Math.Log(FCdf(x, df1, df2)) - Math.Log(p) : AccurateMath.Log1p(-p) - Math.Log(FUpperTail(x, df1, df2));
        return MonotoneRootFinder.Solve(f, start, start * 1.1, 0, 1e-14);
    }

    /// <summary>Chi-square quantile, as R's <c>qchisq(p, df)</c>.</summary>
    /// <param name="p">Lower-tail probability in [0, 1].</param>
    /// <param name="df">Degrees of freedom (&gt; 0).</param>
    public static double ChiSquareQuantile(double p, double df)
    {
        if (double.IsNaN(p) || double.IsNaN(df) || df <= 0 || double.IsInfinity(df) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return 0;
        if (p == 1) return double.PositiveInfinity;
        // Small p: P(X < x) ~ (x/2)^(df/2) / Gamma(df/2 + 1).
        double start = p < 1e-3
            ? 2.0 * Math.Exp((Math.Log(p) + SpecialFunctions.GammaLn(0.5 * df + 1)) / (0.5 * df))
            : 2.0 * SpecialFunctions.GammaLowerRegularizedInv(0.5 * df, p);
        if (!(start > 0) || !double.IsFinite(start)) start = df;
        double f(double x) => p <= 0.5 ? Math.Log(ChiSquareCdf(x, df)) - Math.Log(p) : AccurateMath.Log1p(-p) - Math.Log(ChiSquareUpperTail(x, df));
        return MonotoneRootFinder.Solve(f, start, start * (1 + 1e-6), 0, 1e-14);
    }

    private static double TwoSidedFromBeta(double absoluteT, double df)
    {
        double tSquared = absoluteT * absoluteT;
        if (double.IsInfinity(tSquared))
        {
            double inverseRatio = Math.Sqrt(df) / absoluteT;
            return RegularizedBeta.Lower(0.5 * df, 0.5, inverseRatio * inverseRatio, 1.0);
        }
        double denominator = df + tSquared;
        return RegularizedBeta.Lower(0.5 * df, 0.5, df / denominator, tSquared / denominator);
    }

    /// <summary>Starting value for a lower-tail t quantile with p &lt; 0.5: Cornish-Fisher expansion, or the tail asymptote when p is tiny.</summary>
    private static double StartingTQuantile(double p, double df)
    {
        double z = NormalQuantile(p);
        double z2 = z * z;
        double cornishFisher = z + z * (z2 + 1) / (4 * df) + z * ((5 * z2 + 16) * z2 + 3) / (96 * df * df);
        // Tail asymptote: P(T < -x) ~ C x^-df with C = Gamma((df+1)/2) df^(df/2 - 1/2) / (sqrt(pi) Gamma(df/2)).
        double logC = SpecialFunctions.GammaLn(0.5 * (df + 1)) - SpecialFunctions.GammaLn(0.5 * df) + 0.5 * (df - 1) * Math.Log(df) - 0.5 * Math.Log(Math.PI);
        double asymptote = -Math.Exp((logC - Math.Log(p)) / df);
        return df < 3 || p < 1e-6 ? Math.Min(cornishFisher, asymptote) : cornishFisher;
    }

    /// <summary>Newton's method on log F(x) = log p for an increasing cdf F with density f, in the lower tail.</summary>
    private static double PolishLowerTailQuantile(double x, double p, Func<double, double> cdf, Func<double, double> density)
    {
        double logP = Math.Log(p);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double value = cdf(x);
            if (!(value > 0)) { x *= 0.5; continue; }
            double step = (Math.Log(value) - logP) * value / density(x);
            if (!double.IsFinite(step)) break;
            x -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, Math.Abs(x))) break;
        }
        return x;
    }
}
