using Xunit;
using MixedEffects.Reporting;

namespace MixedEffects.Tests.Reporting;

/// <summary>
/// R's number formatting, abbreviation and quantiles. Every expected string was printed by R 4.2.2
/// (format(), abbreviate(), zapsmall(), round(), quantile()) on the development machine.
/// </summary>
public sealed class RFormattingTests
{
    [Theory]
    // format(c(612.100158, 35.0717, 654.94), digits = 4)
    [InlineData(new[] { 612.100158, 35.0717, 654.94 }, 4, 0, new[] { "612.10", " 35.07", "654.94" })]
    // format(c(0, 13.806), digits = 4)
    [InlineData(new[] { 0, 13.806 }, 4, 0, new[] { " 0.00", "13.81" })]
    // format(c(123456.7, 0.5), digits = 4)
    [InlineData(new[] { 123456.7, 0.5 }, 4, 0, new[] { "123456.7", "     0.5" })]
    // format(c(1e-10, 2), digits = 4)
    [InlineData(new[] { 1e-10, 2 }, 4, 0, new[] { "1e-10", "2e+00" })]
    // format(c(-0.0001234, 5), digits = 4)
    [InlineData(new[] { -0.0001234, 5 }, 4, 0, new[] { "-0.0001234", " 5.0000000" })]
    // format(c(9999.7, 1), digits = 4)
    [InlineData(new[] { 9999.7, 1 }, 4, 0, new[] { "10000", "    1" })]
    // format(c(1, -0.138), nsmall = 3)
    [InlineData(new[] { 1, -0.138 }, 7, 3, new[] { " 1.000", "-0.138" })]
    // format(c(NaN, 0.5, -1))
    [InlineData(new[] { double.NaN, 0.5, -1 }, 7, 0, new[] { " NaN", " 0.5", "-1.0" })]
    // format(1743.6); format(237721.8); format(1234567.8)
    [InlineData(new[] { 1743.6 }, 7, 0, new[] { "1743.6" })]
    [InlineData(new[] { 237721.8 }, 7, 0, new[] { "237721.8" })]
    [InlineData(new[] { 1234567.8 }, 7, 0, new[] { "1234568" })]
    // format(-5.3465e-7, digits = 4); format(c(-0.053465, 1e-10), digits = 4): the exact binary value is just below the tie
    [InlineData(new[] { -5.3465e-7 }, 4, 0, new[] { "-5.347e-07" })]
    [InlineData(new[] { -0.053465, 1e-10 }, 4, 0, new[] { "-5.346e-02", " 1.000e-10" })]
    public void FormatMatchesR(double[] x, int digits, int nsmall, string[] expected) =>
        Assert.Equal(expected, RNumberFormatter.Format(x, digits, nsmall));

    [Fact]
    public void RoundMatchesR()
    {
        Assert.Equal(0.1, RNumberFormatter.Round(0.15, 1));   // round(0.15, 1)
        Assert.Equal(2.67, RNumberFormatter.Round(2.675, 2)); // round(2.675, 2)
    }

    [Fact]
    public void ZapSmallMatchesR()
    {
        // zapsmall(c(-3.95355, 5.17926), 5) -> -3.9536 5.1793
        Assert.Equal([-3.9536, 5.1793], RNumberFormatter.ZapSmall([-3.95355, 5.17926], 5));
        // zapsmall(quantile(residuals(penicillin fit)), 5) printed -2.07923 ... 2.97959 (5 decimals)
        Assert.Equal([-2.07923, 2.97959], RNumberFormatter.ZapSmall([-2.07923366551, 2.97958580522], 5));
    }

    [Theory]
    // abbreviate(x, 6)
    [InlineData(6, new[] { "(Intercept)", "Days", "factor(Days)1:g2", "recipeB:temperature.L", "I(2 * Days)", "factor(Days)1" },
        new[] { "(Intr)", "Days", "f(D)1:", "rcB:.L", "I(2*D)", "fc(D)1" })]
    // abbreviate(x, 11)
    [InlineData(11, new[] { "factor(Days)1", "Days:Evit", "treatozone", "recipeC:temperature^4", "TimeE" },
        new[] { "factr(Dys)1", "Days:Evit", "treatozone", "rcpC:tmpr^4", "TimeE" })]
    public void AbbreviateMatchesR(int minLength, string[] names, string[] expected) =>
        Assert.Equal(expected, RAbbreviation.Abbreviate(names, minLength));

    [Fact]
    public void QuantilesAreType7()
    {
        // quantile(1:10) in R: 1.00 3.25 5.50 7.75 10.00
        Assert.Equal([1, 3.25, 5.5, 7.75, 10], Quantiles.FiveNumber(Enumerable.Range(1, 10).Select(i => (double)i).Reverse()));
    }
}
