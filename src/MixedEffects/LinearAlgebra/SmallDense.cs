using System.Runtime.CompilerServices;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Kernels for the small s x s blocks of vector-valued random-effects terms (row-major spans), and the same on
/// pointers, with the same operations in the same order, for the loops over tens of thousands of blocks.
/// </summary>
internal static unsafe class SmallDense
{
    /// <summary>In-place lower Cholesky of an s x s matrix; false when not positive definite.</summary>
    public static bool Cholesky(Span<double> a, int s)
    {
        fixed (double* pa = a[..(s * s)]) return Cholesky(pa, s);
    }

    /// <summary>Forward substitution L x = b in place for a lower-triangular s x s L.</summary>
    public static void SolveLower(ReadOnlySpan<double> l, int s, Span<double> x)
    {
        fixed (double* pl = l[..(s * s)], px = x[..s]) SolveLower(pl, s, px);
    }

    /// <summary>Back substitution L' x = b in place for a lower-triangular s x s L.</summary>
    public static void SolveLowerTransposed(ReadOnlySpan<double> l, int s, Span<double> x)
    {
        fixed (double* pl = l[..(s * s)], px = x[..s]) SolveLowerTransposed(pl, s, px);
    }

    /// <summary>result = lambda' * a * lambda for s x s matrices (lambda lower triangular), plus identity when asked.</summary>
    public static void CongruenceTransform(ReadOnlySpan<double> lambda, ReadOnlySpan<double> a, int s, Span<double> result, bool addIdentity)
    {
        double* tmp = stackalloc double[s * s];
        fixed (double* pl = lambda[..(s * s)], pa = a[..(s * s)], pr = result[..(s * s)])
            CongruenceTransform(pl, pa, s, pr, tmp, addIdentity);
    }

    /// <summary><see cref="Cholesky(Span{double}, int)"/> on a pointer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Cholesky(double* a, int s)
    {
        for (int j = 0; j < s; j++)
        {
            double d = a[j * s + j];
            for (int t = 0; t < j; t++) d -= a[j * s + t] * a[j * s + t];
            if (!(d > 0)) return false;
            d = Math.Sqrt(d);
            a[j * s + j] = d;
            for (int i = j + 1; i < s; i++)
            {
                double v = a[i * s + j];
                for (int t = 0; t < j; t++) v -= a[i * s + t] * a[j * s + t];
                a[i * s + j] = v / d;
            }
            for (int i = 0; i < j; i++) a[i * s + j] = 0;
        }
        return true;
    }

    /// <summary><see cref="SolveLower(ReadOnlySpan{double}, int, Span{double})"/> on pointers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SolveLower(double* l, int s, double* x)
    {
        for (int i = 0; i < s; i++)
        {
            double v = x[i];
            for (int t = 0; t < i; t++) v -= l[i * s + t] * x[t];
            x[i] = v / l[i * s + i];
        }
    }

    /// <summary><see cref="SolveLowerTransposed(ReadOnlySpan{double}, int, Span{double})"/> on pointers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SolveLowerTransposed(double* l, int s, double* x)
    {
        for (int i = s - 1; i >= 0; i--)
        {
            double v = x[i];
            for (int t = i + 1; t < s; t++) v -= l[t * s + i] * x[t];
            x[i] = v / l[i * s + i];
        }
    }

    /// <summary>
    /// <see cref="CongruenceTransform(ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double}, bool)"/> on
    /// pointers, with s x s doubles of scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CongruenceTransform(double* lambda, double* a, int s, double* result, double* tmp, bool addIdentity)
    {
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int t = 0; t < s; t++) v += a[i * s + t] * lambda[t * s + j];
                tmp[i * s + j] = v;
            }
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int t = 0; t < s; t++) v += lambda[t * s + i] * tmp[t * s + j];
                result[i * s + j] = v + (addIdentity && i == j ? 1 : 0);
            }
    }

    /// <summary>target = v' Lambda (row vector v of length s, Lambda s x s lower triangular).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RightMultiplyLower(double* v, double* lambda, int s, double* target)
    {
        for (int c = 0; c < s; c++)
        {
            double x = 0;
            for (int t = c; t < s; t++) x += v[t] * lambda[t * s + c];
            target[c] = x;
        }
    }

    /// <summary>The dot product of two vectors of length s, summed from the first entry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(double* x, double* y, int s)
    {
        double v = 0;
        for (int c = 0; c < s; c++) v += x[c] * y[c];
        return v;
    }
}
