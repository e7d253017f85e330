using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Formulas;

/// <summary>Number labels; every expected text is R 4.2.2's <c>as.character(x)</c> of the same double.</summary>
public class RNumberFormatTests
{
    [Theory]
    [InlineData(1e-20, "1e-20")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.0 / 3.0, "0.333333333333333")]
    [InlineData(1.5, "1.5")]
    [InlineData(2, "2")]
    [InlineData(10, "10")]
    [InlineData(1e5, "1e+05")]
    [InlineData(100000.5, "100000.5")]
    [InlineData(123456789012, "123456789012")]
    [InlineData(1e15, "1e+15")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(123456.7, "123456.7")]
    [InlineData(1e-4, "1e-04")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1234567, "1234567")]
    [InlineData(0.001, "0.001")]
    [InlineData(100001, "100001")]
    [InlineData(2e5, "2e+05")]
    [InlineData(3.14159265358979, "3.14159265358979")]
    [InlineData(100, "100")]
    [InlineData(1e-300, "1e-300")]
    [InlineData(123456789012345678, "123456789012345680")]
    public void FormatsAsR(double value, string expected) => Assert.Equal(expected, RNumberFormat.Format(value));
}
