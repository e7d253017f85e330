using MixedEffects.Distributions;
using Xunit;

namespace MixedEffects.Tests.Distributions;

/// <summary>DunnettxApproximation against emmeans' internal .pdunnx and a tight uniroot of it (distributions_reference.json).</summary>
public class DunnettxApproximationTests
{
    [Fact]
    public void CdfMatchesEmmeans()
    {
        foreach (var row in DistributionsReference.Rows("dunnettx_cdf"))
        {
            double x = row.Number("x"), k = row.Number("k"), df = row.Number("df");
            Assert.True(Math.Abs(row.Number("cdf") - DunnettxApproximation.Cdf(x, k, df)) < 1e-9, $"pdunnx({x}, {k}, {df})");
        }
    }

    [Fact]
    public void QuantileMatchesTightRoot()
    {
        foreach (var row in DistributionsReference.Rows("dunnettx_quantile"))
        {
            double p = row.Number("p"), k = row.Number("k"), df = row.Number("df");
            double expected = row.Number("q"), actual = DunnettxApproximation.Quantile(p, k, df);
            Assert.True(Math.Abs(expected - actual) < 1e-8, $"qdunnx({p}, {k}, {df}): R {expected:R}, got {actual:R}");
        }
    }
}
