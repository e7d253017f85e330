using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// In-place lower Cholesky factorization of a symmetric positive-definite matrix stored row-major
/// (only the lower triangle is read; the strict upper triangle is used as scratch).
/// Right-looking and blocked: factor a diagonal block, solve the panel below it (vectorized dot products),
/// then update the trailing matrix with a SIMD outer-product kernel on a packed copy of the panel,
/// cache-blocked over columns and parallel over row tiles when the matrix is large.
/// </summary>
internal static unsafe class DenseCholesky
{
    private const int BlockSize = 64;
    private const int ColumnBlock = 256;
    private const int ParallelThreshold = 256;

    /// <summary>Factors <paramref name="a"/> (n x n, row-major) in place; false when it is not positive definite.</summary>
    public static bool Factor(double[] a, int n)
    {
        if (n <= 0) return true;
        var packed = new double[BlockSize * n];
        fixed (double* pa = a, pp = packed)
        {
            var pa0 = pa;
            var pp0 = pp;
            for (int kb = 0; kb < n; kb += BlockSize)
            {
                int b = Math.Min(BlockSize, n - kb);
                if (!FactorDiagonalBlock(pa, n, kb, b)) return false;
                if (n - kb - b == 0) break;
                int k = kb;
                int start = k + b;
                if (n - start >= ParallelThreshold)
                    Parallel.For(start, n, i => SolvePanelRow(pa0, n, k, b, i));
                else
                    for (int i = start; i < n; i++) SolvePanelRow(pa, n, k, b, i);
                UpdateTrailing(pa, n, k, b, pp);
            }
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(double* x, double* y, int len)
    {
        int t = 0;
        double s = 0;
        if (Vector512.IsHardwareAccelerated && len >= 8)
        {
            var acc = Vector512<double>.Zero;
            for (; t + 8 <= len; t += 8) acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + t), Vector512.Load(y + t), acc);
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && len >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; t + 4 <= len; t += 4) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + t), Vector256.Load(y + t), acc);
            s = Vector256.Sum(acc);
        }
        for (; t < len; t++) s += x[t] * y[t];
        return s;
    }

    /// <summary>Cholesky of the b x b diagonal block starting at (k, k), left-looking within the block.</summary>
    private static bool FactorDiagonalBlock(double* a, int n, int k, int b)
    {
        for (int j = k; j < k + b; j++)
        {
            double* rj = a + (long)j * n;
            double d = rj[j] - Dot(rj + k, rj + k, j - k);
            if (!(d > 0)) return false;
            d = Math.Sqrt(d);
            rj[j] = d;
            double inv = 1.0 / d;
            for (int i = j + 1; i < k + b; i++)
            {
                double* ri = a + (long)i * n;
                ri[j] = (ri[j] - Dot(ri + k, rj + k, j - k)) * inv;
            }
        }
        return true;
    }

    /// <summary>Row i below the diagonal block: L_ik = A_ik L_kk^{-T} by forward substitution.</summary>
    private static void SolvePanelRow(double* a, int n, int k, int b, int i)
    {
        double* ri = a + (long)i * n;
        for (int j = k; j < k + b; j++)
        {
            double* rj = a + (long)j * n;
            ri[j] = (ri[j] - Dot(ri + k, rj + k, j - k)) / rj[j];
        }
    }

    /// <summary>Trailing update A_ij -= sum_t L_it L_jt for i, j below the panel (lower tiles).</summary>
    private static void UpdateTrailing(double* a, int n, int k, int b, double* packed)
    {
        int start = k + b;
        int m = n - start;
        // packed[t * m + j] = L[start + j, k + t]
        for (int j = 0; j < m; j++)
        {
            double* rj = a + (long)(start + j) * n + k;
            for (int t = 0; t < b; t++) packed[t * m + j] = rj[t];
        }
        int tiles = (m + 7) / 8;
        var pa = a;
        var pp = packed;
        if (m >= ParallelThreshold)
        {
            // interleave tiles so both threads get rows of every length
            Parallel.For(0, 2, part =>
            {
                for (int jb = 0; jb < m; jb += ColumnBlock)
                    for (int tile = jb / 8 + part; tile < tiles; tile += 2)
                        UpdateRowTile(pa, n, k, b, start, m, pp, tile * 8, jb, Math.Min(jb + ColumnBlock, m));
            });
        }
        else
        {
            for (int jb = 0; jb < m; jb += ColumnBlock)
                for (int tile = jb / 8; tile < tiles; tile++)
                    UpdateRowTile(a, n, k, b, start, m, packed, tile * 8, jb, Math.Min(jb + ColumnBlock, m));
        }
    }

    /// <summary>Rows i0..i0+7 (relative), columns j0..j1-1 (relative, clipped to the lower triangle).</summary>
    private static void UpdateRowTile(double* a, int n, int k, int b, int start, int m, double* packed, int i0, int j0, int j1)
    {
        int rows = Math.Min(8, m - i0);
        int colEnd = Math.Min(j1, i0 + rows);
        int j = j0;
        if (rows == 8)
        {
            if (Vector512.IsHardwareAccelerated)
                for (; j + 16 <= colEnd; j += 16) Kernel8x16(a, n, k, b, start, m, packed, i0, j);
            if (Vector256.IsHardwareAccelerated)
                for (; j + 8 <= colEnd; j += 8)
                {
                    Kernel4x8(a, n, k, b, start, m, packed, i0, j);
                    Kernel4x8(a, n, k, b, start, m, packed, i0 + 4, j);
                }
        }
        else if (rows >= 4 && Vector256.IsHardwareAccelerated)
        {
            // fewer than 8 rows left: vector kernel for the first 4 rows, scalar for the rest
            int j4 = j;
            for (; j4 + 8 <= Math.Min(j1, i0 + 4); j4 += 8) Kernel4x8(a, n, k, b, start, m, packed, i0, j4);
            ScalarRows(a, n, k, b, start, m, packed, i0, 4, j4, j1);
            ScalarRows(a, n, k, b, start, m, packed, i0 + 4, rows - 4, j, j1);
            return;
        }
        ScalarRows(a, n, k, b, start, m, packed, i0, rows, j, j1);
    }

    private static void ScalarRows(double* a, int n, int k, int b, int start, int m, double* packed, int i0, int rows, int j, int j1)
    {
        for (int r = 0; r < rows; r++)
        {
            int i = i0 + r;
            double* li = a + (long)(start + i) * n + k;
            double* dst = a + (long)(start + i) * n + start;
            int end = Math.Min(j1 - 1, i);
            for (int jj = j; jj <= end; jj++)
            {
                double s = 0;
                for (int t = 0; t < b; t++) s += li[t] * packed[t * m + jj];
                dst[jj] -= s;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel8x16(double* a, int n, int k, int b, int start, int m, double* packed, int i0, int j)
    {
        double* l0 = a + (long)(start + i0) * n + k;
        var c00 = Vector512<double>.Zero; var c01 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero; var c11 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero; var c21 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero; var c31 = Vector512<double>.Zero;
        var c40 = Vector512<double>.Zero; var c41 = Vector512<double>.Zero;
        var c50 = Vector512<double>.Zero; var c51 = Vector512<double>.Zero;
        var c60 = Vector512<double>.Zero; var c61 = Vector512<double>.Zero;
        var c70 = Vector512<double>.Zero; var c71 = Vector512<double>.Zero;
        double* p = packed + j;
        long n1 = n;
        for (int t = 0; t < b; t++, p += m)
        {
            var v0 = Vector512.Load(p);
            var v1 = Vector512.Load(p + 8);
            double* lt = l0 + t;
            var x = Vector512.Create(lt[0]);
            c00 = Vector512.FusedMultiplyAdd(x, v0, c00); c01 = Vector512.FusedMultiplyAdd(x, v1, c01);
            x = Vector512.Create(lt[n1]);
            c10 = Vector512.FusedMultiplyAdd(x, v0, c10); c11 = Vector512.FusedMultiplyAdd(x, v1, c11);
            x = Vector512.Create(lt[2 * n1]);
            c20 = Vector512.FusedMultiplyAdd(x, v0, c20); c21 = Vector512.FusedMultiplyAdd(x, v1, c21);
            x = Vector512.Create(lt[3 * n1]);
            c30 = Vector512.FusedMultiplyAdd(x, v0, c30); c31 = Vector512.FusedMultiplyAdd(x, v1, c31);
            x = Vector512.Create(lt[4 * n1]);
            c40 = Vector512.FusedMultiplyAdd(x, v0, c40); c41 = Vector512.FusedMultiplyAdd(x, v1, c41);
            x = Vector512.Create(lt[5 * n1]);
            c50 = Vector512.FusedMultiplyAdd(x, v0, c50); c51 = Vector512.FusedMultiplyAdd(x, v1, c51);
            x = Vector512.Create(lt[6 * n1]);
            c60 = Vector512.FusedMultiplyAdd(x, v0, c60); c61 = Vector512.FusedMultiplyAdd(x, v1, c61);
            x = Vector512.Create(lt[7 * n1]);
            c70 = Vector512.FusedMultiplyAdd(x, v0, c70); c71 = Vector512.FusedMultiplyAdd(x, v1, c71);
        }
        double* d = a + (long)(start + i0) * n + start + j;
        Store2(d, c00, c01); d += n;
        Store2(d, c10, c11); d += n;
        Store2(d, c20, c21); d += n;
        Store2(d, c30, c31); d += n;
        Store2(d, c40, c41); d += n;
        Store2(d, c50, c51); d += n;
        Store2(d, c60, c61); d += n;
        Store2(d, c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store2(double* d, Vector512<double> lo, Vector512<double> hi)
    {
        Vector512.Store(Vector512.Load(d) - lo, d);
        Vector512.Store(Vector512.Load(d + 8) - hi, d + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel4x8(double* a, int n, int k, int b, int start, int m, double* packed, int i0, int j)
    {
        double* l0 = a + (long)(start + i0) * n + k;
        double* l1 = l0 + n, l2 = l1 + n, l3 = l2 + n;
        var c00 = Vector256<double>.Zero; var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero; var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero; var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero; var c31 = Vector256<double>.Zero;
        double* p = packed + j;
        for (int t = 0; t < b; t++, p += m)
        {
            var v0 = Vector256.Load(p);
            var v1 = Vector256.Load(p + 4);
            var x0 = Vector256.Create(l0[t]);
            c00 = Vector256.FusedMultiplyAdd(x0, v0, c00); c01 = Vector256.FusedMultiplyAdd(x0, v1, c01);
            var x1 = Vector256.Create(l1[t]);
            c10 = Vector256.FusedMultiplyAdd(x1, v0, c10); c11 = Vector256.FusedMultiplyAdd(x1, v1, c11);
            var x2 = Vector256.Create(l2[t]);
            c20 = Vector256.FusedMultiplyAdd(x2, v0, c20); c21 = Vector256.FusedMultiplyAdd(x2, v1, c21);
            var x3 = Vector256.Create(l3[t]);
            c30 = Vector256.FusedMultiplyAdd(x3, v0, c30); c31 = Vector256.FusedMultiplyAdd(x3, v1, c31);
        }
        double* d0 = a + (long)(start + i0) * n + start + j;
        Vector256.Store(Vector256.Load(d0) - c00, d0); Vector256.Store(Vector256.Load(d0 + 4) - c01, d0 + 4);
        d0 += n;
        Vector256.Store(Vector256.Load(d0) - c10, d0); Vector256.Store(Vector256.Load(d0 + 4) - c11, d0 + 4);
        d0 += n;
        Vector256.Store(Vector256.Load(d0) - c20, d0); Vector256.Store(Vector256.Load(d0 + 4) - c21, d0 + 4);
        d0 += n;
        Vector256.Store(Vector256.Load(d0) - c30, d0); Vector256.Store(Vector256.Load(d0 + 4) - c31, d0 + 4);
    }

    /// <summary>Solves L x = b in place (forward substitution) with the factor's leading <paramref name="size"/> rows.</summary>
    public static void SolveLower(double[] l, int n, int size, Span<double> x)
    {
        for (int i = 0; i < size; i++)
        {
            double s = x[i];
            int ri = i * n;
            for (int t = 0; t < i; t++) s -= l[ri + t] * x[t];
            x[i] = s / l[ri + i];
        }
    }

    /// <summary>Solves L' x = b in place (back substitution) with the factor's leading <paramref name="size"/> rows.</summary>
    public static void SolveLowerTransposed(double[] l, int n, int size, Span<double> x)
    {
        for (int i = size - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int t = i + 1; t < size; t++) s -= l[t * n + i] * x[t];
            x[i] = s / l[i * n + i];
        }
    }
}
