using MixedEffects.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// L-BFGS-B on standard bounded test problems. Optima are analytic (Rosenbrock, with and without an active
/// bound) or checked independently: the projected gradient vanishes (first-order conditions of the bounded
/// problem) and BOBYQA, which uses no derivatives, reaches the same value.
/// </summary>
public class LimitedMemoryBfgsBTests(ITestOutputHelper output)
{
    private static double Rosenbrock(double[] x, double[] g)
    {
        double f = 0;
        Array.Clear(g);
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1 - x[i], b = x[i + 1] - x[i] * x[i];
            f += a * a + 100 * b * b;
            g[i] += -2 * a - 400 * x[i] * b;
            g[i + 1] += 200 * b;
        }
        return f;
    }

    /// <summary>The test problem of the L-BFGS-B distribution's first driver (n = 25, bounds on every variable).</summary>
    private static double Driver(double[] x, double[] g)
    {
        int n = x.Length;
        double t1 = x[0] - 1;
        double f = 0.25 * t1 * t1;
        Array.Clear(g);
        g[0] = 0.5 * t1;
        for (int i = 1; i < n; i++)
        {
            double t = x[i] - x[i - 1] * x[i - 1];
            f += 4 * t * t;
            g[i] += 8 * t;
            g[i - 1] -= 16 * x[i - 1] * t;
        }
        return f;
    }

    [Fact]
    public void RosenbrockUnbounded()
    {
        double inf = double.PositiveInfinity;
        var r = new LimitedMemoryBfgsB().Minimize(Rosenbrock, [-1.2, 1], [-inf, -inf], [inf, inf]);
        output.WriteLine($"{r.Minimum:R} in {r.Evaluations}: {r.Message}");
        Assert.Equal(1, r.Minimizer[0], 6);
        Assert.Equal(1, r.Minimizer[1], 6);
    }

    /// <summary>With x1 &lt;= 0.5 the minimum is at (0.5, 0.25): the bound is active, df/dx1 = -1 there.</summary>
    [Fact]
    public void RosenbrockWithAnActiveUpperBound()
    {
        var r = new LimitedMemoryBfgsB().Minimize(Rosenbrock, [-1.2, 1], [-2, -2], [0.5, 2]);
        Assert.Equal(0.5, r.Minimizer[0]);
        Assert.Equal(0.25, r.Minimizer[1], 7);
        Assert.Equal(0.25, r.Minimum, 10);
    }

    [Fact]
    public void DriverProblemMeetsTheFirstOrderConditionsAndAgreesWithBobyqa()
    {
        int n = 25;
        var lower = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1.0 : -100.0).ToArray();
        var upper = Enumerable.Range(0, n).Select(_ => 100.0).ToArray();
        var start = Enumerable.Repeat(3.0, n).ToArray();
        var r = new LimitedMemoryBfgsB().Minimize(Driver, start, lower, upper);
        var g = new double[n];
        Driver(r.Minimizer, g);
        var b = new Bobyqa().Minimize(x => Driver(x, new double[n]), start, lower, upper,
            new OptimizerSettings { InitialTrustRadius = 0.5, FinalTrustRadius = 1e-9 });
        output.WriteLine($"L-BFGS-B {r.Minimum:R} in {r.Evaluations}; BOBYQA {b.Minimum:R} in {b.Evaluations}");
        Assert.True(LimitedMemoryBfgsB.ProjectedGradientNorm(r.Minimizer, g, lower, upper) < 1e-6);
        Assert.True(r.Minimum <= b.Minimum + 1e-8 * Math.Max(1, Math.Abs(b.Minimum)), $"{r.Minimum:R} vs {b.Minimum:R}");
        Assert.True(r.Evaluations < b.Evaluations);
    }

    [Fact]
    public void BoundedQuadraticMeetsTheFirstOrderConditions()
    {
        int n = 8;
        var rng = new Random(7);
        var m = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = rng.NextDouble() - 0.5;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++) a[i, j] += m[k, i] * m[k, j];
                if (i == j) a[i, j] += 0.1;
            }
        var c = Enumerable.Range(0, n).Select(_ => 4 * (rng.NextDouble() - 0.5)).ToArray();
        double Quadratic(double[] x, double[] g)
        {
            double f = 0;
            for (int i = 0; i < n; i++)
            {
                double ax = 0;
                for (int j = 0; j < n; j++) ax += a[i, j] * x[j];
                g[i] = ax - c[i];
                f += 0.5 * x[i] * ax - c[i] * x[i];
            }
            return f;
        }
        var lower = Enumerable.Repeat(-1.0, n).ToArray();
        var upper = Enumerable.Repeat(1.0, n).ToArray();
        var r = new LimitedMemoryBfgsB().Minimize(Quadratic, new double[n], lower, upper);
        var grad = new double[n];
        Quadratic(r.Minimizer, grad);
        var b = new Bobyqa().Minimize(x => Quadratic(x, new double[n]), new double[n], lower, upper,
            new OptimizerSettings { InitialTrustRadius = 0.5, FinalTrustRadius = 1e-9 });
        output.WriteLine($"L-BFGS-B {r.Minimum:R} in {r.Evaluations}, active {r.Minimizer.Count(v => Math.Abs(v) == 1)}; BOBYQA {b.Minimum:R}");
        Assert.True(r.Minimizer.Any(v => Math.Abs(v) == 1), "some bound is active");
        Assert.True(LimitedMemoryBfgsB.ProjectedGradientNorm(r.Minimizer, grad, lower, upper) < 1e-7);
        Assert.Equal(b.Minimum, r.Minimum, 7);
    }
}
