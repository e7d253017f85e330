using MixedEffects.LinearAlgebra;
using Xunit;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The observations' positions found on two threads (each on its own rows, the first row of the second part not
/// copied from the row before it) against one thread: the cross products built from them are the same bits.
/// </summary>
public class CrossProductPositionsTests
{
    [Theory]
    [InlineData("nested")]
    [InlineData("nested-vector")]
    [InlineData("crossed-vector")]
    [InlineData("partially-crossed")]
    [InlineData("nested-and-crossed")]
    [InlineData("large-crossed-counts")]
    [InlineData("panel")]
    public void TwoThreadsGiveTheSameCrossProducts(string design)
    {
        var d = RandomDesign.Create(design);
        var one = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights, parallelThreshold: int.MaxValue);
        var two = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights, parallelThreshold: 0);
        Assert.Equal(one.Diagonal, two.Diagonal);
        Assert.Equal(one.FrontValues.Values, two.FrontValues.Values);
        Assert.Equal(one.DenseValues.Values, two.DenseValues.Values);
        Assert.Equal(one.Dense, two.Dense);
    }
}
