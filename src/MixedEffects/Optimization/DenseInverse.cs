namespace MixedEffects.Optimization;

/// <summary>Gauss-Jordan inversion with partial pivoting of a small dense row-major matrix.</summary>
internal static class DenseInverse
{
    /// <summary>
    /// Inverts <paramref name="a"/> (destroyed) into <paramref name="inverse"/>. Returns false when a pivot is
    /// negligible relative to the largest entry, i.e. the matrix is numerically singular.
    /// </summary>
    public static bool Invert(double[] a, double[] inverse, int[] pivots, int m)
    {
        double scale = 0;
        for (int i = 0; i < m * m; i++) scale = Math.Max(scale, Math.Abs(a[i]));
        if (scale == 0) return false;
        Array.Clear(inverse, 0, m * m);
        for (int i = 0; i < m; i++) inverse[i * m + i] = 1.0;
        for (int col = 0; col < m; col++)
        {
            int p = col;
            double best = Math.Abs(a[col * m + col]);
            for (int r = col + 1; r < m; r++)
            {
                double v = Math.Abs(a[r * m + col]);
                if (v > best) { best = v; p = r; }
            }
            if (best <= 1e-15 * scale) return false;
            pivots[col] = p;
            if (p != col)
            {
                for (int j = 0; j < m; j++)
                {
                    (a[col * m + j], a[p * m + j]) = (a[p * m + j], a[col * m + j]);
                    (inverse[col * m + j], inverse[p * m + j]) = (inverse[p * m + j], inverse[col * m + j]);
                }
            }
            double inv = 1.0 / a[col * m + col];
            for (int j = 0; j < m; j++)
            {
                a[col * m + j] *= inv;
                inverse[col * m + j] *= inv;
            }
            for (int r = 0; r < m; r++)
            {
                if (r == col) continue;
                double factor = a[r * m + col];
                if (factor == 0) continue;
                for (int j = 0; j < m; j++)
                {
                    a[r * m + j] -= factor * a[col * m + j];
                    inverse[r * m + j] -= factor * inverse[col * m + j];
                }
            }
        }
        return true;
    }
}
