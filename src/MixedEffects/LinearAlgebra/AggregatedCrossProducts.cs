namespace MixedEffects.LinearAlgebra;

/// <summary>
/// [Z X]'[Z X] as a dense symmetric array read from blocked cross products (random effects in term order, level-major,
/// then X; y left out), for inference that works on the whole matrix (Kenward-Roger): the front terms' diagonal
/// blocks and the rows below them, and the dense block's lower triangle.
/// </summary>
internal static class AggregatedCrossProducts
{
    /// <summary>The (q+p)-square array, row-major; <paramref name="offsets"/> are the terms' first random effects.</summary>
    public static double[] Dense(BlockedCrossProducts a, int[] offsets, int size)
    {
        var l = a.Layout;
        int q = size - l.P;
        var c = new double[size * size];
        // the index in [Z X] of every row of the dense block (dense terms' random effects, then X; y has none)
        var denseToFull = new int[l.M];
        Array.Fill(denseToFull, -1);
        for (int t = l.FrontTermCount; t < l.Terms.Count; t++)
        {
            var term = l.Terms[t];
            for (int g = 0; g < term.LevelCount; g++)
                for (int col = 0; col < term.ColumnCount; col++)
                    denseToFull[l.DenseIndex(t, g, col)] = offsets[t] + g * term.ColumnCount + col;
        }
        for (int j = 0; j < l.P; j++) denseToFull[l.RestRandomEffects + j] = q + j;
        void Set(int i, int j, double v)
        {
            c[i * size + j] = v;
            c[j * size + i] = v;
        }
        for (int t = 0; t < l.FrontTermCount; t++)
        {
            var term = l.Terms[t];
            int s = term.ColumnCount;
            for (int g = 0; g < term.LevelCount; g++)
            {
                int k = l.SupernodeOffsets[t] + g, w = l.Width[k], first = offsets[t] + g * s;
                for (int x = 0; x < s; x++)
                    for (int y = 0; y < s; y++) Set(first + x, first + y, a.Diagonal[l.DiagonalOffset[k] + x * s + y]);
                var front = l.FrontRows[k];
                for (int r = 0; r < front.Length; r++)
                    for (int x = 0; x < w; x++) Set(FrontIndex(l, offsets, front[r]), first + x, a.FrontValues[k][r * w + x]);
                var dense = l.DenseRows[k];
                for (int r = 0; r < dense.Length; r++)
                {
                    int row = denseToFull[dense[r]];
                    if (row < 0) continue;
                    for (int x = 0; x < w; x++) Set(row, first + x, a.DenseValues[k][r * w + x]);
                }
            }
        }
        for (int r = 0; r < l.M; r++)
        {
            if (denseToFull[r] < 0) continue;
            for (int col = 0; col <= r; col++)
                if (denseToFull[col] >= 0) Set(denseToFull[r], denseToFull[col], a.Dense[r * l.M + col]);
        }
        return c;
    }

    /// <summary>The [Z X] index of a front row given as an index in u (front terms' random effects come first in u).</summary>
    private static int FrontIndex(FactorLayout l, int[] offsets, int u)
    {
        int t = 0;
        while (t + 1 < l.FrontTermCount && l.TermOffsets[t + 1] <= u) t++;
        return offsets[t] + (u - l.TermOffsets[t]);
    }
}
