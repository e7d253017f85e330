using MixedEffects.Data;
using Xunit;

namespace MixedEffects.Tests.Data;

/// <summary>R's subset() semantics on a small frame (expected rows as R 4.2.2 keeps them: NA conditions drop the row).</summary>
public class RowFilterTests
{
    private static readonly Dataset Frame = new(
    [
        new NumericColumn("x", [1, 2, double.NaN, 4]),
        new TextColumn("g", ["a", "b", "c", null]),
        new TextColumn("ok", ["TRUE", "FALSE", "TRUE", "TRUE"]),
    ], "test");

    private static double[] Kept(string condition) => ((NumericColumn)RowFilter.Parse(condition).Apply(Frame)["x"]).Values.ToArray();

    [Fact]
    public void ComparisonsMembershipAndLogicFollowR()
    {
        Assert.Equal([1, 2], Kept("x < 3"));
        Assert.Equal([1, double.NaN, 4], Kept("ok == TRUE"));
        Assert.Equal([1, double.NaN], Kept("g %in% c('a', \"c\")"));
        Assert.Equal([1, 4], Kept("x == 1 | x >= 4"));
        Assert.Equal([4], Kept("!(x < 3) & ok"));
        Assert.Equal([double.NaN], Kept("is.na(x)"));
        Assert.Equal([2, 4], Kept("x != 1"));
    }
}
