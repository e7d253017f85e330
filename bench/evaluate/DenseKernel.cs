using System.Diagnostics;
using System.Globalization;
using System.Reflection;

/// <summary>Times the library's dense Cholesky (internal, reached by reflection; one instance reused) on a random SPD matrix.</summary>
internal static class DenseKernel
{
    public static void Time(int n, int repeats)
    {
        // one instance reused across factorizations, as a fit reuses it across evaluations
        var type = typeof(MixedEffects.Models.LinearMixedModelObjective).Assembly.GetType("MixedEffects.LinearAlgebra.BlockedDenseCholesky")!;
        object cholesky = Activator.CreateInstance(type, BindingFlags.Public | BindingFlags.Instance, null, [n], CultureInfo.InvariantCulture)!;
        var factor = type.GetMethod("Factor", BindingFlags.Public | BindingFlags.Instance)!.CreateDelegate<Func<double[], int, bool>>(cholesky);
        // a symmetric random matrix with a dominant diagonal (positive definite; built in O(n^2))
        var random = new Random(1);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) a[i * n + j] = a[j * n + i] = random.NextDouble() - 0.5;
            a[i * n + i] = n;
        }
        var work = new double[n * n];
        Array.Copy(a, work, a.Length);
        factor(work, n);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (int r = 0; r < repeats; r++)
        {
            Array.Copy(a, work, a.Length);
            if (!factor(work, n)) throw new InvalidOperationException("not positive definite");
        }
        watch.Stop();
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / repeats;
        double ms = watch.Elapsed.TotalMilliseconds / repeats;
        // residual check: max |L L' - A| / n over the lower triangle of 64 sampled rows (and the last row)
        double err = 0;
        foreach (int i in Enumerable.Range(0, 64).Select(_ => random.Next(n)).Append(n - 1))
            for (int j = 0; j <= i; j++)
            {
                double v = 0;
                for (int t = 0; t <= j; t++) v += work[i * n + t] * work[j * n + t];
                err = Math.Max(err, Math.Abs(v - a[i * n + j]) / n);
            }
        double gflop = (double)n * n * n / 3 / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cholesky {n}: {ms:F3} ms elapsed, {cpuMs:F3} ms CPU, {gflop / (ms / 1e3):F1} GFLOP/s, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / repeats} bytes, max relative residual {err:E2}"));
    }
}
