using MixedEffects.Distributions;
using Xunit;

namespace MixedEffects.Tests.Distributions;

/// <summary>ProbabilityFunctions against R's pt, pf, pchisq, pnorm, qt, qnorm, qf, qchisq (distributions_reference.json).</summary>
public class ProbabilityFunctionsTests
{
    private static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), what); return; }
        if (double.IsInfinity(expected) || expected == 0) { Assert.True(expected == actual, $"{what}: R {expected:R}, got {actual:R}"); return; }
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: R {expected:R}, got {actual:R}");
    }

    [Fact]
    public void TTailsMatchRDownToTinyProbabilities()
    {
        foreach (var row in DistributionsReference.Rows("pt"))
        {
            double t = row.Number("t"), df = row.Number("df");
            AssertRelative(row.Number("two_sided"), ProbabilityFunctions.TwoSidedTPValue(t, df), 1e-10, $"2*pt(-{t}, {df})");
            AssertRelative(row.Number("upper"), ProbabilityFunctions.StudentTUpperTail(t, df), 1e-10, $"pt({t}, {df}, lower=F)");
            AssertRelative(row.Number("lower"), ProbabilityFunctions.StudentTCdf(-t, df), 1e-10, $"pt(-{t}, {df})");
        }
    }

    [Fact]
    public void FTailsMatchR()
    {
        foreach (var row in DistributionsReference.Rows("pf"))
        {
            double f = row.Number("f"), df1 = row.Number("df1"), df2 = row.Number("df2");
            AssertRelative(row.Number("upper"), ProbabilityFunctions.FUpperTail(f, df1, df2), 1e-10, $"pf({f}, {df1}, {df2}, lower=F)");
            AssertRelative(row.Number("lower"), ProbabilityFunctions.FCdf(1 / f, df1, df2), 1e-10, $"pf(1/{f}, {df1}, {df2})");
        }
    }

    [Fact]
    public void ChiSquareTailsMatchRIncludingTinyArguments()
    {
        foreach (var row in DistributionsReference.Rows("pchisq"))
        {
            double x = row.Number("x"), df = row.Number("df");
            AssertRelative(row.Number("upper"), ProbabilityFunctions.ChiSquareUpperTail(x, df), 1e-10, $"pchisq({x}, {df}, lower=F)");
            AssertRelative(row.Number("lower"), ProbabilityFunctions.ChiSquareCdf(x, df), 1e-10, $"pchisq({x}, {df})");
        }
    }

    [Fact]
    public void NormalTailsMatchR()
    {
        foreach (var row in DistributionsReference.Rows("pnorm"))
        {
            double z = row.Number("z");
            AssertRelative(row.Number("two_sided"), ProbabilityFunctions.TwoSidedNormalPValue(z), 1e-12, $"2*pnorm(-{z})");
            AssertRelative(row.Number("upper"), ProbabilityFunctions.NormalUpperTail(z), 1e-12, $"pnorm({z}, lower=F)");
        }
    }

    [Fact]
    public void QuantilesMatchR()
    {
        foreach (var row in DistributionsReference.Rows("qt"))
            AssertRelative(row.Number("q"), ProbabilityFunctions.StudentTQuantile(row.Number("p"), row.Number("df")), 1e-10, $"qt({row.Number("p")}, {row.Number("df")})");
        foreach (var row in DistributionsReference.Rows("qnorm"))
            AssertRelative(row.Number("q"), ProbabilityFunctions.NormalQuantile(row.Number("p")), 1e-12, $"qnorm({row.Number("p")})");
        // R's qf is itself good to about 3e-10 near 0 (qf(0.01, 1, 1000): a 40-digit root of the
        // incomplete beta gives 1.5716643381442789e-4, R 1.57166433867317e-4), hence 1e-9 here.
        foreach (var row in DistributionsReference.Rows("qf"))
            AssertRelative(row.Number("q"), ProbabilityFunctions.FQuantile(row.Number("p"), row.Number("df1"), row.Number("df2")), 1e-9,
                $"qf({row.Number("p")}, {row.Number("df1")}, {row.Number("df2")})");
        foreach (var row in DistributionsReference.Rows("qchisq"))
            AssertRelative(row.Number("q"), ProbabilityFunctions.ChiSquareQuantile(row.Number("p"), row.Number("df")), 1e-10, $"qchisq({row.Number("p")}, {row.Number("df")})");
    }

    [Theory]
    // Values from a 40-digit evaluation of the regularized incomplete beta (Python mpmath.betainc),
    // for degrees of freedom far beyond those in the R grid.
    [InlineData(2.5, 1e8, 0.012419332240054541339)]
    [InlineData(2.5, 1e10, 0.01241933066743729266)]
    [InlineData(20, 1e6, 5.7330870473903718346e-89)]
    [InlineData(20, 1e12, 5.5072484586025011037e-89)]
    public void TwoSidedTIsAccurateForHugeDegreesOfFreedom(double t, double df, double expected) =>
        AssertRelative(expected, ProbabilityFunctions.TwoSidedTPValue(t, df), 1e-12, $"2*pt(-{t}, {df})");

    [Fact]
    public void InvalidParametersGiveNaN()
    {
        Assert.True(double.IsNaN(ProbabilityFunctions.TwoSidedTPValue(1, 0)));
        Assert.True(double.IsNaN(ProbabilityFunctions.FUpperTail(1, -1, 3)));
        Assert.True(double.IsNaN(ProbabilityFunctions.ChiSquareUpperTail(1, 0)));
        Assert.True(double.IsNaN(ProbabilityFunctions.StudentTQuantile(1.5, 3)));
        Assert.Equal(1.0, ProbabilityFunctions.FUpperTail(0, 2, 3));
    }
}
