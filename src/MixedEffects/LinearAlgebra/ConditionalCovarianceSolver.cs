namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The diagonal blocks of (L_Z L_Z')^-1 from a blocked factor without forming anything of order q squared beyond
/// the dense block: the dense terms' part from the explicit inverse of the dense factor's random-effects rows, the
/// front's by selected inversion over the factor's own pattern (supernodes in reverse order, Z_kk =
/// L_k^-T (I + B_k' Z_PP B_k) L_k^-1 and Z_Pk = -Z_PP B_k L_k^-1, P the supernode's rows), then scaled to
/// sigma^2 Lambda Z_gg Lambda'.
/// </summary>
internal sealed class ConditionalCovarianceSolver(FactorLayout layout, double[] diag, double[][] front, double[][] dense,
    double[] denseFactor, double[] lambdas, int[] lambdaOffsets)
{
    private double[] _inv = [];
    private double[] _zDiag = [];
    private double[][] _zFront = [];
    private double[][] _zDense = [];

    public double[][] Compute(double sigma)
    {
        var l = layout;
        int qr = l.RestRandomEffects;
        InvertDense();
        SelectedInversion();
        var terms = l.Terms;
        var result = new double[terms.Count][];
        double s2 = sigma * sigma;
        for (int ti = 0; ti < terms.Count; ti++)
        {
            int s = terms[ti].ColumnCount;
            var lam = lambdas.AsSpan(lambdaOffsets[ti], s * s).ToArray();
            var r = new double[terms[ti].LevelCount * s * s];
            for (int g = 0; g < terms[ti].LevelCount; g++)
            {
                var cov = new double[s * s];
                if (ti < l.FrontTermCount)
                {
                    int k = l.SupernodeOffsets[ti] + g;
                    Array.Copy(_zDiag, l.DiagonalOffset[k], cov, 0, s * s);
                }
                else
                {
                    int o = l.DenseIndex(ti, g, 0);
                    for (int i = 0; i < s; i++)
                        for (int j = 0; j < s; j++) cov[i * s + j] = DenseInverse(o + i, o + j, qr);
                }
                WriteScaled(lam, cov, s, s2, r.AsSpan(g * s * s, s * s));
            }
            result[ti] = r;
        }
        return result;
    }

    /// <summary>Z_DD = (L_D L_D')^-1 over the dense terms' rows, from the explicit inverse of L_D (lower, row-major).</summary>
    private void InvertDense()
    {
        int m = layout.M, qr = layout.RestRandomEffects;
        var inv = new double[qr * qr];
        Parallel.For(0, qr, j =>
        {
            var col = new double[qr];
            col[j] = 1;
            for (int i = j; i < qr; i++)
            {
                double v = col[i];
                int ri = i * m;
                for (int t = j; t < i; t++) v -= denseFactor[ri + t] * col[t];
                col[i] = v / denseFactor[ri + i];
            }
            for (int i = j; i < qr; i++) inv[i * qr + j] = col[i];
        });
        _inv = inv;
    }

    /// <summary>(L_D^-T L_D^-1)[i, j] over the dense terms' rows.</summary>
    private double DenseInverse(int i, int j, int qr)
    {
        double v = 0;
        for (int t = Math.Max(i, j); t < qr; t++) v += _inv[t * qr + i] * _inv[t * qr + j];
        return v;
    }

    private void SelectedInversion()
    {
        var l = layout;
        int qr = l.RestRandomEffects;
        _zDiag = new double[diag.Length];
        _zFront = front.Select(f => new double[f.Length]).ToArray();
        _zDense = dense.Select(b => new double[b.Length]).ToArray();
        if (l.SupernodeCount == 0) return;
        var zdd = new double[qr * qr];
        if (qr > 0)
            Parallel.For(0, qr, i =>
            {
                for (int j = 0; j <= i; j++) zdd[i * qr + j] = zdd[j * qr + i] = DenseInverse(i, j, qr);
            });
        for (int k = l.SupernodeCount - 1; k >= 0; k--)
        {
            int s = l.Width[k];
            var fr = l.FrontRows[k];
            var dr = l.DenseRows[k];
            int nd = 0;
            while (nd < dr.Length && dr[nd] < qr) nd++;
            int nr = fr.Length + nd;
            // rows P of the supernode: front rows (u indices), then the dense terms' rows (offset by FrontSize)
            var rows = new int[nr];
            var b = new double[nr * s];
            for (int e = 0; e < fr.Length; e++) { rows[e] = fr[e]; Array.Copy(front[k], e * s, b, e * s, s); }
            for (int e = 0; e < nd; e++) { rows[fr.Length + e] = l.FrontSize + dr[e]; Array.Copy(dense[k], e * s, b, (fr.Length + e) * s, s); }
            // W = Z_PP B
            var w = new double[nr * s];
            for (int i = 0; i < nr; i++)
                for (int j = 0; j < nr; j++)
                {
                    double z = Entry(rows[i], rows[j], zdd, qr);
                    if (z == 0) continue;
                    for (int c = 0; c < s; c++) w[i * s + c] += z * b[j * s + c];
                }
            var lk = diag.AsSpan(l.DiagonalOffset[k], s * s);
            // Z_Pk rows: -L_k^-T w_i
            var zp = new double[s];
            for (int i = 0; i < nr; i++)
            {
                for (int c = 0; c < s; c++) zp[c] = -w[i * s + c];
                SmallDense.SolveLowerTransposed(lk, s, zp);
                if (i < fr.Length) Array.Copy(zp, 0, _zFront[k], i * s, s);
                else Array.Copy(zp, 0, _zDense[k], (i - fr.Length) * s, s);
            }
            // Z_kk = L_k^-T (I + B'W) L_k^-1
            var mid = new double[s * s];
            for (int c = 0; c < s; c++)
                for (int d = 0; d < s; d++)
                {
                    double v = c == d ? 1 : 0;
                    for (int i = 0; i < nr; i++) v += b[i * s + c] * w[i * s + d];
                    mid[c * s + d] = v;
                }
            var zkk = InverseSandwich(lk.ToArray(), mid, s);
            Array.Copy(zkk, 0, _zDiag, l.DiagonalOffset[k], s * s);
        }
    }

    /// <summary>Z[i, j] for two rows of a supernode's pattern (u index for the front, FrontSize + dense index after).</summary>
    private double Entry(int i, int j, double[] zdd, int qr)
    {
        var l = layout;
        if (i > j) (i, j) = (j, i);
        if (i >= l.FrontSize) return zdd[(i - l.FrontSize) * qr + j - l.FrontSize];
        int k = l.SupernodeOfColumn[i], s = l.Width[k], oi = i - l.ColumnStart[k];
        if (j < l.ColumnStart[k] + s) return _zDiag[l.DiagonalOffset[k] + oi * s + (j - l.ColumnStart[k])];
        if (j < l.FrontSize) return _zFront[k][Array.BinarySearch(l.FrontRows[k], j) * s + oi];
        return _zDense[k][Array.BinarySearch(l.DenseRows[k], j - l.FrontSize) * s + oi];
    }

    /// <summary>L^{-T} mid L^{-1} for a small lower-triangular L.</summary>
    private static double[] InverseSandwich(double[] lk, double[] mid, int s)
    {
        var linv = new double[s * s];
        for (int j = 0; j < s; j++)
        {
            var e = new double[s];
            e[j] = 1;
            SmallDense.SolveLower(lk, s, e);
            for (int i = 0; i < s; i++) linv[i * s + j] = e[i];
        }
        var res = new double[s * s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int t = 0; t < s; t++)
                    for (int u = 0; u < s; u++) v += linv[t * s + i] * mid[t * s + u] * linv[u * s + j];
                res[i * s + j] = v;
            }
        return res;
    }

    private static void WriteScaled(double[] lambda, double[] cov, int s, double s2, Span<double> target)
    {
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int t = 0; t < s; t++)
                    for (int u = 0; u < s; u++) v += lambda[i * s + t] * cov[t * s + u] * lambda[j * s + u];
                target[i * s + j] = s2 * v;
            }
    }
}
