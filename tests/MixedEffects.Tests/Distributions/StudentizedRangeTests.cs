using MixedEffects.Distributions;
using Xunit;

namespace MixedEffects.Tests.Distributions;

/// <summary>StudentizedRange against R's ptukey and qtukey (distributions_reference.json, from distributions_reference.R).</summary>
public class StudentizedRangeTests
{
    [Fact]
    public void CdfMatchesRPtukeyOverTheGrid()
    {
        int count = 0;
        double worst = 0;
        foreach (var row in DistributionsReference.Rows("ptukey"))
        {
            double expected = row.Number("p");
            double actual = StudentizedRange.Cdf(row.Number("q"), row.Number("nmeans"), row.Number("df"), row.Number("nranges"));
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(actual), $"expected NaN at q={row.Number("q")} nmeans={row.Number("nmeans")} df={row.Number("df")}");
                continue;
            }
            worst = Math.Max(worst, Math.Abs(actual - expected));
            Assert.True(Math.Abs(actual - expected) < 1e-9,
                $"ptukey({row.Number("q")}, {row.Number("nmeans")}, {row.Number("df")}, nranges={row.Number("nranges")}): R {expected:R}, got {actual:R}");
            count++;
        }
        Assert.True(count > 1600, $"only {count} grid points");
    }

    [Fact]
    public void QuantileMatchesATightRootOfRPtukey()
    {
        foreach (var row in DistributionsReference.Rows("qtukey"))
        {
            double actual = StudentizedRange.Quantile(row.Number("p"), row.Number("nmeans"), row.Number("df"), row.Number("nranges"));
            double root = row.Number("root");
            double label = row.Number("qtukey");
            Assert.True(Math.Abs(actual - root) < 1e-8 * Math.Max(1, root),
                $"qtukey({row.Number("p")}, {row.Number("nmeans")}, {row.Number("df")}): root {root:R}, got {actual:R}");
            // R's qtukey stops when its secant step is below 1e-4.
            Assert.True(Math.Abs(actual - label) < 1e-4, $"R qtukey {label:R}, got {actual:R}");
        }
    }

    [Theory]
    [InlineData(0.95, 3, 10)]
    [InlineData(0.999, 20, 2)]
    [InlineData(0.5, 2.5, double.PositiveInfinity)]
    [InlineData(0.01, 7, 30)]
    [InlineData(1e-8, 5, 10)]
    [InlineData(0.9999, 50, 3)]
    public void QuantileInvertsCdf(double p, double nmeans, double df)
    {
        // The last two are cases where R's qtukey fails (1.24e-6 with ptukey = 0; NaN with
        // "convergence failed"), while R's ptukey at the quantiles found here gives back p.
        double q = StudentizedRange.Quantile(p, nmeans, df);
        Assert.True(Math.Abs(StudentizedRange.Cdf(q, nmeans, df) - p) <= 1e-12 * Math.Min(p, 1 - p) * 100, $"q = {q:R}");
    }

    [Fact]
    public void BoundariesFollowR()
    {
        Assert.Equal(0, StudentizedRange.Quantile(0, 4, 10));
        Assert.Equal(double.PositiveInfinity, StudentizedRange.Quantile(1, 4, 10));
        Assert.True(double.IsNaN(StudentizedRange.Quantile(0.95, 4, 1.9)));
        Assert.True(double.IsNaN(StudentizedRange.Quantile(1.2, 4, 10)));
        Assert.Equal(1, StudentizedRange.Cdf(double.PositiveInfinity, 4, 10));
        Assert.Equal(1 - StudentizedRange.Cdf(3.1, 5, 12), StudentizedRange.UpperTail(3.1, 5, 12));
    }

    [Fact]
    public void TwoMeansWithKnownVarianceIsTheRangeOfTwoNormals()
    {
        // Independent check: the range of two standard normals is |Z1 - Z2| = sqrt(2) |Z|, so
        // P(range < q) = 2 Phi(q / sqrt(2)) - 1 = erf(q / 2).
        foreach (double q in new[] { 0.3, 1.0, 2.5, 4.0, 6.0 })
            Assert.Equal(MathNet.Numerics.SpecialFunctions.Erf(q / 2), StudentizedRange.Cdf(q, 2, double.PositiveInfinity), 1e-10);
    }
}
