using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The dense coupling of a scalar sparse front in compact form, for designs where it holds whole numbers from 1 to 255
/// (counts of observations: unweighted intercept terms) and the front's supernodes do not update each other. Then the
/// factor's coupling row of supernode k is b_k = s_k c_k with one scale s_k = lambda / L_kk per supernode and the
/// constant counts c_k, and the Schur complement's row r (r a dense random effect) loses s_k^2 c_k[e] c_k[t] at the
/// dense rows t = 0..e of each supernode in which r sits at position e. Stored as 16-bit row indices and 8-bit counts
/// in one array for all supernodes, a row reads 3 bytes per entry instead of 12 (index and value), which matters where
/// the coupling (about 12 MB on the 1M-row crossed design) does not stay in the caches. Built from the cross products'
/// values; the factor rebuilds it when they are reweighted (<see cref="BlockedCrossProducts.Version"/>).
/// </summary>
internal sealed class CountCoupling
{
    private readonly int[] _offsets;   // per supernode, the start of its entries
    private readonly ushort[] _rows;
    private readonly byte[] _counts;
    private const int PrefetchDistance = 2;   // occurrences ahead

    private CountCoupling(int[] offsets, ushort[] rows, byte[] counts)
    {
        _offsets = offsets;
        _rows = rows;
        _counts = counts;
    }

    /// <summary>The compact coupling of <paramref name="a"/>, or null when its front or values do not qualify.</summary>
    public static CountCoupling? TryCreate(BlockedCrossProducts a)
    {
        var l = a.Layout;
        int qr = l.RestRandomEffects;
        if (!l.AllScalarFront || qr == 0 || qr > ushort.MaxValue + 1 || l.FrontRows.Any(r => r.Length > 0)) return null;
        var offsets = new int[l.SupernodeCount + 1];
        for (int k = 0; k < l.SupernodeCount; k++)
        {
            var rows = l.DenseRows[k];
            int used = 0;
            while (used < rows.Length && rows[used] < qr) used++;
            offsets[k + 1] = offsets[k] + used;
        }
        var compactRows = new ushort[offsets[^1]];
        var counts = new byte[offsets[^1]];
        for (int k = 0; k < l.SupernodeCount; k++)
        {
            var rows = l.DenseRows[k];
            var values = a.DenseValues[k];
            for (int e = 0, o = offsets[k]; o < offsets[k + 1]; e++, o++)
            {
                double v = values[e];
                if (!(v >= 1 && v <= byte.MaxValue && v == Math.Floor(v))) return null;
                compactRows[o] = (ushort)rows[e];
                counts[o] = (byte)v;
            }
        }
        return new CountCoupling(offsets, compactRows, counts);
    }

    /// <summary>
    /// Row r (a dense random effect) -= sum over its occurrences (supernode k, position e) of
    /// s_k^2 c_k[e] c_k[0..e] at the supernode's dense rows; <paramref name="scale"/> holds s_k per supernode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void SubtractRow(FactorLayout l, int r, Span<double> target, double[] scale)
    {
        var start = l.OccurrenceStart;
        var supernodes = l.OccurrenceSupernode;
        var positions = l.OccurrencePosition;
        fixed (double* row = target)
        fixed (ushort* rows = _rows)
        fixed (byte* counts = _counts)
        fixed (int* offsets = _offsets)
        fixed (double* s = scale)
        {
            int end = start[r + 1];
            for (int o = start[r]; o < end; o++)
            {
                int k = supernodes[o], e = positions[o], first = offsets[k];
                if (Sse.IsSupported && o + PrefetchDistance < end)
                {
                    // a later occurrence's entries lie elsewhere in the coupling: start loading them now
                    int next = offsets[supernodes[o + PrefetchDistance]];
                    Sse.Prefetch0(rows + next);
                    Sse.Prefetch0(rows + next + 32);
                    Sse.Prefetch0(rows + next + 64);
                    Sse.Prefetch0(counts + next);
                    Sse.Prefetch0(counts + next + 64);
                }
                ushort* pr = rows + first;
                byte* c = counts + first;
                double f = s[k] * s[k] * c[e];
                int t = 0;
                for (; t + 4 <= e + 1; t += 4)
                {
                    row[pr[t]] -= f * c[t];
                    row[pr[t + 1]] -= f * c[t + 1];
                    row[pr[t + 2]] -= f * c[t + 2];
                    row[pr[t + 3]] -= f * c[t + 3];
                }
                for (; t <= e; t++) row[pr[t]] -= f * c[t];
            }
        }
    }
}
