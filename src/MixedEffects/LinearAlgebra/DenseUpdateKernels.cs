using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Register-tile kernels of the dense Cholesky's trailing update: C -= A B' for one tile, where A holds the tile's
/// rows and B its columns of the current panel, both packed so that step t of the panel is contiguous
/// (A: rows x depth, B: columns x depth, each stored depth-major). C is row-major with stride <c>ldc</c>.
/// </summary>
internal static unsafe class DenseUpdateKernels
{
    /// <summary>Runs the kernel of <paramref name="shape"/> on one tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(DenseKernelShape shape, double* a, double* b, int depth, double* c, long ldc)
    {
        switch (shape)
        {
            case DenseKernelShape.Vector512: Tile8x16(a, b, depth, c, ldc); break;
            case DenseKernelShape.Vector256: Tile6x8(a, b, depth, c, ldc); break;
            default: Tile4x4(a, b, depth, c, ldc); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x16(double* a, double* b, int depth, double* c, long ldc)
    {
        var c00 = Vector512<double>.Zero; var c01 = Vector512<double>.Zero;
        var c10 = Vector512<double>.Zero; var c11 = Vector512<double>.Zero;
        var c20 = Vector512<double>.Zero; var c21 = Vector512<double>.Zero;
        var c30 = Vector512<double>.Zero; var c31 = Vector512<double>.Zero;
        var c40 = Vector512<double>.Zero; var c41 = Vector512<double>.Zero;
        var c50 = Vector512<double>.Zero; var c51 = Vector512<double>.Zero;
        var c60 = Vector512<double>.Zero; var c61 = Vector512<double>.Zero;
        var c70 = Vector512<double>.Zero; var c71 = Vector512<double>.Zero;
        for (int t = 0; t < depth; t++, a += 8, b += 16)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 8);
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
        }
        Subtract(c, c00, c01); c += ldc;
        Subtract(c, c10, c11); c += ldc;
        Subtract(c, c20, c21); c += ldc;
        Subtract(c, c30, c31); c += ldc;
        Subtract(c, c40, c41); c += ldc;
        Subtract(c, c50, c51); c += ldc;
        Subtract(c, c60, c61); c += ldc;
        Subtract(c, c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(double* c, Vector512<double> lo, Vector512<double> hi)
    {
        Vector512.Store(Vector512.Load(c) - lo, c);
        Vector512.Store(Vector512.Load(c + 8) - hi, c + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile6x8(double* a, double* b, int depth, double* c, long ldc)
    {
        var c00 = Vector256<double>.Zero; var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero; var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero; var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero; var c31 = Vector256<double>.Zero;
        var c40 = Vector256<double>.Zero; var c41 = Vector256<double>.Zero;
        var c50 = Vector256<double>.Zero; var c51 = Vector256<double>.Zero;
        for (int t = 0; t < depth; t++, a += 6, b += 8)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 4);
            var x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
        }
        Subtract(c, c00, c01); c += ldc;
        Subtract(c, c10, c11); c += ldc;
        Subtract(c, c20, c21); c += ldc;
        Subtract(c, c30, c31); c += ldc;
        Subtract(c, c40, c41); c += ldc;
        Subtract(c, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(double* c, Vector256<double> lo, Vector256<double> hi)
    {
        Vector256.Store(Vector256.Load(c) - lo, c);
        Vector256.Store(Vector256.Load(c + 4) - hi, c + 4);
    }

    private static void Tile4x4(double* a, double* b, int depth, double* c, long ldc)
    {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int t = 0; t < depth; t++, a += 4, b += 4)
        {
            double b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            double x = a[0];
            c00 += x * b0; c01 += x * b1; c02 += x * b2; c03 += x * b3;
            x = a[1];
            c10 += x * b0; c11 += x * b1; c12 += x * b2; c13 += x * b3;
            x = a[2];
            c20 += x * b0; c21 += x * b1; c22 += x * b2; c23 += x * b3;
            x = a[3];
            c30 += x * b0; c31 += x * b1; c32 += x * b2; c33 += x * b3;
        }
        c[0] -= c00; c[1] -= c01; c[2] -= c02; c[3] -= c03; c += ldc;
        c[0] -= c10; c[1] -= c11; c[2] -= c12; c[3] -= c13; c += ldc;
        c[0] -= c20; c[1] -= c21; c[2] -= c22; c[3] -= c23; c += ldc;
        c[0] -= c30; c[1] -= c31; c[2] -= c32; c[3] -= c33;
    }
}
