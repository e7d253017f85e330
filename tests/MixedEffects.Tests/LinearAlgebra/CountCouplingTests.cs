using MixedEffects.LinearAlgebra;
using Xunit;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The compact count coupling's row subtraction against the plain formula: row r -= (s_k^2 c_k[e]) c_k[t] at dense row
/// t for every occurrence (supernode k, position e) of r and t = 0..e, in the same order, from the cross products'
/// own coupling values. The compact form must give the same bits.
/// </summary>
public class CountCouplingTests
{
    [Fact]
    public void SubtractRowMatchesThePlainProductsBitForBit()
    {
        var d = RandomDesign.Create("large-crossed-counts");
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        var l = a.Layout;
        var coupling = CountCoupling.TryCreate(a);
        Assert.NotNull(coupling);
        var rng = new Random(3);
        var scale = Enumerable.Range(0, l.SupernodeCount).Select(_ => 0.05 + rng.NextDouble()).ToArray();
        int countsAboveOne = 0;
        for (int r = 0; r < l.RestRandomEffects; r++)
        {
            var expected = Enumerable.Range(0, r + 1).Select(_ => rng.NextDouble()).ToArray();
            var actual = (double[])expected.Clone();
            for (int o = l.OccurrenceStart[r]; o < l.OccurrenceStart[r + 1]; o++)
            {
                int k = l.OccurrenceSupernode[o], e = l.OccurrencePosition[o];
                var counts = a.DenseValues[k];
                double f = scale[k] * scale[k] * counts[e];
                for (int t = 0; t <= e; t++)
                {
                    expected[l.DenseRows[k][t]] -= f * counts[t];
                    if (counts[t] > 1) countsAboveOne++;
                }
            }
            coupling.SubtractRow(l, r, actual, scale);
            Assert.Equal(expected, actual);
        }
        Assert.True(countsAboveOne > 100, $"only {countsAboveOne} counts above 1");
    }
}
