namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Dense lower Cholesky factorization of a symmetric positive-definite matrix stored row-major (only the lower
/// triangle is read), and the triangular solves with the factor. The factorization is <see cref="BlockedDenseCholesky"/>;
/// callers that factor repeatedly keep one of those to reuse its buffers.
/// </summary>
internal static class DenseCholesky
{
    /// <summary>Factors <paramref name="a"/> (n x n, row-major) in place; false when it is not positive definite.</summary>
    public static bool Factor(double[] a, int n) => n <= 0 || new BlockedDenseCholesky(n).Factor(a, n);

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
