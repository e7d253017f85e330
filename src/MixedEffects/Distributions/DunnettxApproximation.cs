using MathNet.Numerics;

namespace MixedEffects.Distributions;

/// <summary>
/// emmeans' "dunnettx" approximation to the distribution of the largest of k absolute t
/// statistics comparing treatments with a common control (Dunnett). The cdf is a weighted
/// average of two approximations:
/// w * ptukey(sqrt(2) x, r, df) + (1 - w) * pf(x^2, 1, df)^k, where r = (1 + sqrt(1 + 8k)) / 2
/// is the number of means whose r (r - 1) / 2 pairwise comparisons number k, and w = (k - 1) / k.
/// </summary>
public static class DunnettxApproximation
{
    /// <summary>P(max |T_i| &lt;= x) for <paramref name="contrastCount"/> comparisons with <paramref name="df"/> degrees of freedom.</summary>
    /// <param name="x">Absolute t value (&gt;= 0).</param>
    /// <param name="contrastCount">Number of comparisons k in the family (&gt;= 1).</param>
    /// <param name="df">Degrees of freedom (at least 2 for the Tukey part when k &gt; 1, or infinity).</param>
    public static double Cdf(double x, double contrastCount, double df)
    {
        double weight = (contrastCount - 1) / contrastCount;
        double sidak = Math.Pow(ProbabilityFunctions.FCdf(x * x, 1, df), contrastCount);
        if (weight == 0) return sidak;
        double tukey = StudentizedRange.Cdf(Constants.Sqrt2 * x, EquivalentMeansCount(contrastCount), df);
        return weight * tukey + (1 - weight) * sidak;
    }

    /// <summary>Adjusted two-sided p-value 1 - <see cref="Cdf"/>(|t|), as emmeans' <c>adjust = "dunnettx"</c>.</summary>
    /// <param name="t">Test statistic.</param>
    /// <param name="contrastCount">Number of comparisons in the family.</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double UpperTail(double t, double contrastCount, double df) => 1.0 - Cdf(Math.Abs(t), contrastCount, df);

    /// <summary>
    /// Critical value x with <see cref="Cdf"/>(x) = <paramref name="p"/> (for confidence intervals). Solved
    /// to about 1e-12 relative, between the Tukey-only and Sidak-only solutions; emmeans stops its
    /// own root search at 5e-4, so its intervals can differ from these in the fourth decimal.
    /// With fewer than 1.005 contrasts it is the t quantile, as in emmeans.
    /// </summary>
    /// <param name="p">Confidence level in (0, 1).</param>
    /// <param name="contrastCount">Number of comparisons in the family.</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double Quantile(double p, double contrastCount, double df)
    {
        if (double.IsNaN(p) || p <= 0 || p >= 1 || !(contrastCount >= 1)) return double.NaN;
        if (contrastCount < 1.005) return ProbabilityFunctions.StudentTQuantile(1 - 0.5 * (1 - p), df);
        double tukey = StudentizedRange.Quantile(p, EquivalentMeansCount(contrastCount), df) / Constants.Sqrt2;
        double sidak = Math.Sqrt(ProbabilityFunctions.FQuantile(Math.Pow(p, 1 / contrastCount), 1, df));
        if (double.IsNaN(tukey) || double.IsNaN(sidak)) return double.NaN;
        return MonotoneRootFinder.Solve(x => Cdf(x, contrastCount, df) - p, tukey, sidak, 0, 1e-12);
    }

    private static double EquivalentMeansCount(double contrastCount) => (1 + Math.Sqrt(1 + 8 * contrastCount)) / 2;
}
