using MathNet.Numerics.LinearAlgebra;
using MixedEffects.LinearAlgebra;
using Xunit;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The dense Cholesky kernel against MathNet's Cholesky on random symmetric positive-definite matrices: every kernel
/// shape (scalar, 256-bit and 512-bit tiles, whichever the processor has, the others emulated), orders around the
/// panel, block and tile sizes (one block of columns, and several with a partial last one), one thread and two (the parallel path starts at a trailing order of 256; orders just past one and two blocks). The factor must
/// agree to 1e-12 relative and the upper triangle must be left as it was.
/// </summary>
public class BlockedDenseCholeskyTests
{
    public static TheoryData<string, int, bool> Cases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var shape in Enum.GetNames<DenseKernelShape>())
        {
            foreach (int n in new[] { 1, 2, 5, 7, 63, 64, 65, 129, 191, 192, 193, 200 }) data.Add(shape, n, false);
            foreach (int n in new[] { 257, 320, 321, 333, 450, 513 })
            {
                data.Add(shape, n, true);
                data.Add(shape, n, false);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FactorMatchesReference(string shape, int n, bool parallel)
    {
        var a = RandomSpd(n, seed: n);
        var work = (double[])a.Clone();
        var cholesky = new BlockedDenseCholesky(n + 3, Enum.Parse<DenseKernelShape>(shape)) { Parallel = parallel };
        Assert.True(cholesky.Factor(work, n));
        var reference = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]).Cholesky().Factor;
        double scale = Enumerable.Range(0, n).Max(i => Math.Abs(reference[i, i]));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
                Assert.True(Math.Abs(reference[i, j] - work[i * n + j]) <= 1e-12 * scale,
                    $"L[{i},{j}]: expected {reference[i, j]:R}, got {work[i * n + j]:R}");
            for (int j = i + 1; j < n; j++) Assert.Equal(a[i * n + j], work[i * n + j]);
        }

        // the same instance again (buffers reused) gives the same factor
        var again = (double[])a.Clone();
        Assert.True(cholesky.Factor(again, n));
        Assert.Equal(work, again);
    }

    /// <summary>
    /// The chunks of rows the threads take change the order of the work, never its arithmetic: two threads give the
    /// one-thread factor bit for bit (orders with partial panels, blocks, solve groups and chunks of rows).
    /// </summary>
    [Theory]
    [InlineData("Scalar", 611)]
    [InlineData("Vector256", 611)]
    [InlineData("Vector512", 611)]
    [InlineData("Vector256", 777)]
    public void TwoThreadsGiveTheOneThreadFactor(string shape, int n)
    {
        var a = RandomSpd(n, seed: 11);
        var serial = (double[])a.Clone();
        var parallel = (double[])a.Clone();
        var kernel = Enum.Parse<DenseKernelShape>(shape);
        Assert.True(new BlockedDenseCholesky(n, kernel) { Parallel = false }.Factor(serial, n));
        Assert.True(new BlockedDenseCholesky(n, kernel) { Parallel = true }.Factor(parallel, n));
        Assert.Equal(serial, parallel);
    }

    [Theory]
    [InlineData("Scalar")]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    public void NotPositiveDefiniteIsReported(string shape)
    {
        int n = 150;
        var a = RandomSpd(n, seed: 3);
        a[140 * n + 140] = -1;
        Assert.False(new BlockedDenseCholesky(n, Enum.Parse<DenseKernelShape>(shape)).Factor(a, n));
    }

    private static double[] RandomSpd(int n, int seed)
    {
        var random = new Random(seed);
        var g = new double[n * n];
        for (int i = 0; i < g.Length; i++) g[i] = random.NextDouble() - 0.5;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double v = 0;
                for (int t = 0; t < n; t++) v += g[i * n + t] * g[j * n + t];
                a[i * n + j] = a[j * n + i] = v + (i == j ? 1 : 0);
            }
        return a;
    }
}
