namespace MixedEffects.Marginal;

/// <summary>
/// emmeans' "mvt" adjustment: the p-value of a contrast is P(max_j |T_j| &gt;= |t|) and the simultaneous critical value
/// the <c>level</c> quantile of max_j |T_j|, for T multivariate t with the contrasts' correlation matrix and the df
/// truncated to an integer (infinite df: multivariate normal), as mvtnorm's <c>pmvt</c>/<c>qmvt</c>. The probability is
/// estimated by seeded Monte Carlo (<see cref="Samples"/> draws, standard error at most 0.0011), so results are
/// reproducible and agree with mvtnorm's randomized Genz-Bretz integration within Monte Carlo error.
/// </summary>
internal sealed class MultivariateTAdjustment
{
    /// <summary>Number of Monte Carlo draws.</summary>
    public const int Samples = 200_000;

    private const int Seed = 20_061_108;
    private readonly double[] _sortedMaxima;

    private MultivariateTAdjustment(double[] sortedMaxima) => _sortedMaxima = sortedMaxima;

    /// <summary>Draws max_j |T_j| for the correlation matrix and df.</summary>
    /// <exception cref="ModelSpecificationException">The correlation matrix is not positive semi-definite.</exception>
    public static MultivariateTAdjustment Create(double[,] correlation, double df)
    {
        int m = correlation.GetLength(0);
        var l = CholeskyFactor(correlation, m);
        var random = new Random(Seed);
        int dfInteger = double.IsInfinity(df) || double.IsNaN(df) ? 0 : Math.Max(1, (int)df);
        var maxima = new double[Samples];
        var z = new double[m];
        for (int s = 0; s < Samples; s++)
        {
            for (int j = 0; j < m; j++) z[j] = Normal(random);
            double scale = dfInteger == 0 ? 1 : Math.Sqrt(dfInteger / ChiSquare(random, dfInteger));
            double max = 0;
            for (int i = 0; i < m; i++)
            {
                double x = 0;
                for (int j = 0; j <= i; j++) x += l[i, j] * z[j];
                max = Math.Max(max, Math.Abs(x * scale));
            }
            maxima[s] = max;
        }
        Array.Sort(maxima);
        return new MultivariateTAdjustment(maxima);
    }

    /// <summary>P(max |T| &gt;= |t|).</summary>
    public double PValue(double t)
    {
        if (double.IsNaN(t)) return double.NaN;
        int index = Array.BinarySearch(_sortedMaxima, Math.Abs(t));
        if (index < 0) index = ~index;
        while (index > 0 && _sortedMaxima[index - 1] >= Math.Abs(t)) index--;
        return (double)(_sortedMaxima.Length - index) / _sortedMaxima.Length;
    }

    /// <summary>The <paramref name="level"/> quantile of max |T| (the simultaneous interval's critical value).</summary>
    public double CriticalValue(double level) =>
        _sortedMaxima[Math.Clamp((int)Math.Ceiling(level * _sortedMaxima.Length) - 1, 0, _sortedMaxima.Length - 1)];

    private static double[,] CholeskyFactor(double[,] a, int m)
    {
        var l = new double[m, m];
        for (int j = 0; j < m; j++)
        {
            double d = a[j, j];
            for (int k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (d < -1e-10) throw new ModelSpecificationException("the contrasts' correlation matrix is not positive semi-definite");
            l[j, j] = Math.Sqrt(Math.Max(d, 0));
            for (int i = j + 1; i < m; i++)
            {
                double v = a[i, j];
                for (int k = 0; k < j; k++) v -= l[i, k] * l[j, k];
                l[i, j] = l[j, j] > 1e-12 ? v / l[j, j] : 0;
            }
        }
        return l;
    }

    private static double Normal(Random random)
    {
        // Box-Muller on (0, 1] uniforms
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    // chi-square with k df as 2 Gamma(k / 2), Gamma by Marsaglia-Tsang (shape below 1 boosted by U^(1/shape))
    private static double ChiSquare(Random random, int k) => 2 * Gamma(random, k / 2.0);

    private static double Gamma(Random random, double shape)
    {
        if (shape < 1) return Gamma(random, shape + 1) * Math.Pow(1.0 - random.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(random), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
