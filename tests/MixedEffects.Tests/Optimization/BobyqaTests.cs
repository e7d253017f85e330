using MixedEffects.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

public class BobyqaTests(ITestOutputHelper output)
{
    private const double Inf = double.PositiveInfinity;
    private static readonly OptimizerSettings Tight = OptimizerSettings.Default with { FinalTrustRadius = 1e-8 };

    private OptimizationResult Run(Func<double[], double> f, double[] start, double[] lower, double[] upper, OptimizerSettings? settings = null)
    {
        var result = new Bobyqa().Minimize(f, start, lower, upper, settings ?? Tight);
        output.WriteLine($"f = {result.Minimum:R}, x = [{string.Join(", ", result.Minimizer)}], evaluations = {result.Evaluations}, {result.ReturnCode}");
        return result;
    }

    // Analytic optimum: Rosenbrock's minimum is 0 at (1, 1).
    [Fact]
    public void Rosenbrock2DFromClassicStart()
    {
        var r = Run(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf]);
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
        Assert.Equal(1.0, r.Minimizer[0], 5);
        Assert.Equal(1.0, r.Minimizer[1], 5);
        Assert.True(r.Minimum < 1e-10);
        Assert.Equal(-1.2, r.InitialPoint[0]);
        Assert.Equal(24.2, r.InitialValue, 12); // 100 (1 - 1.44)^2 + 2.2^2
        Assert.True(r.Evaluations < 600, $"{r.Evaluations} evaluations");
    }

    // Analytic optimum with x1 <= 0.5: x2 = x1^2 removes the first term and (1 - x1)^2 decreases up to the bound,
    // so the minimum is 0.25 at (0.5, 0.25).
    [Fact]
    public void Rosenbrock2DWithActiveUpperBound()
    {
        var r = Run(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [0.5, Inf]);
        Assert.Equal(0.5, r.Minimizer[0]);
        Assert.Equal(0.25, r.Minimizer[1], 6);
        Assert.Equal(0.25, r.Minimum, 10);
    }

    // Analytic optimum of the extended Rosenbrock function: 0 at (1, 1, 1, 1).
    [Fact]
    public void Rosenbrock4D()
    {
        var r = Run(TestFunctions.ExtendedRosenbrock, [-1.2, 1, -1.2, 1], [-Inf, -Inf, -Inf, -Inf], [Inf, Inf, Inf, Inf]);
        foreach (double x in r.Minimizer) Assert.Equal(1.0, x, 4);
        Assert.True(r.Minimum < 1e-9);
    }

    // Each pair as in the 2-D bounded case: minimum 0.5 at (0.5, 0.25, 0.5, 0.25).
    [Fact]
    public void Rosenbrock4DWithActiveBounds()
    {
        var r = Run(TestFunctions.ExtendedRosenbrock, [-1.2, 1, -1.2, 1], [-Inf, -Inf, -Inf, -Inf], [0.5, Inf, 0.5, Inf]);
        Assert.Equal(0.5, r.Minimizer[0]);
        Assert.Equal(0.5, r.Minimizer[2]);
        Assert.Equal(0.25, r.Minimizer[1], 6);
        Assert.Equal(0.25, r.Minimizer[3], 6);
        Assert.Equal(0.5, r.Minimum, 10);
    }

    // f = (x - c)' A (x - c), A = [[2,1,0],[1,2,0],[0,0,1]], c = (-1, 2, 3), x >= 0. KKT by hand: x1 = 0 is active
    // (its gradient 2 (2*1 + 1*(-0.5)) = 3 > 0), then x2 = 2 - 1/2 = 1.5, x3 = 3, f = 2 - 1 + 0.5 = 1.5.
    [Fact]
    public void QuadraticWithBoundActiveOptimum()
    {
        static double F(double[] x)
        {
            double d1 = x[0] + 1, d2 = x[1] - 2, d3 = x[2] - 3;
            return 2 * d1 * d1 + 2 * d1 * d2 + 2 * d2 * d2 + d3 * d3;
        }
        var r = Run(F, [1, 1, 1], [0, 0, 0], [Inf, Inf, Inf]);
        Assert.Equal(0.0, r.Minimizer[0]);
        Assert.Equal(1.5, r.Minimizer[1], 6);
        Assert.Equal(3.0, r.Minimizer[2], 6);
        Assert.Equal(1.5, r.Minimum, 10);
        Assert.True(r.Evaluations < 60, $"{r.Evaluations} evaluations");
    }

    // theta-like problem: t1, t3 >= 0 (diagonal), t2 free. At t1 = 0 the others give t2 = 0.3, t3 = 0.7 and
    // df/dt1 = 2 * 0.5 + 0.5 * 0.7 = 1.35 > 0, so the minimum is 0.25 at (0, 0.3, 0.7).
    [Fact]
    public void DiagonalThetaAtZeroOthersInterior()
    {
        static double F(double[] t) =>
            (t[0] + 0.5) * (t[0] + 0.5) + 2 * (t[1] - 0.3) * (t[1] - 0.3) + (t[2] - 0.7) * (t[2] - 0.7) + 0.5 * t[0] * t[2];
        var r = Run(F, [1, 0, 1], [0, double.NegativeInfinity, 0], [Inf, Inf, Inf], OptimizerSettings.Default);
        Assert.Equal(0.0, r.Minimizer[0]);
        Assert.Equal(0.3, r.Minimizer[1], 5);
        Assert.Equal(0.7, r.Minimizer[2], 5);
        Assert.Equal(0.25, r.Minimum, 9);
    }

    // One variable, minimum at the bound: f(t) = log(1 + t^2) + t^2 / 2 is increasing on t > 0, minimum 0 at t = 0.
    [Fact]
    public void OneDimensionalOptimumOnLowerBound()
    {
        var r = Run(t => Math.Log(1 + t[0] * t[0]) + 0.5 * t[0] * t[0], [1], [0], [Inf], OptimizerSettings.Default);
        Assert.Equal(0.0, r.Minimizer[0]);
        Assert.Equal(0.0, r.Minimum);
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
    }

    // One variable, interior: f(t) = (t - 2.5)^2 + 1 with 0 <= t; minimum 1 at 2.5.
    [Fact]
    public void OneDimensionalInteriorOptimum()
    {
        var r = Run(t => (t[0] - 2.5) * (t[0] - 2.5) + 1, [1], [0], [Inf], OptimizerSettings.Default);
        Assert.Equal(2.5, r.Minimizer[0], 5);
        Assert.Equal(1.0, r.Minimum, 10);
    }

    [Fact]
    public void StopsAtMaxEvaluations()
    {
        var r = Run(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf], Tight with { MaxEvaluations = 20 });
        Assert.Equal(OptimizationReturnCode.MaxEvaluationsReached, r.ReturnCode);
        Assert.Equal(20, r.Evaluations);
        Assert.True(r.Minimum < r.InitialValue);
    }

    [Fact]
    public void NonFiniteObjectiveStopsWithBestPoint()
    {
        var r = Run(x => x[0] > 1.1 ? double.NaN : (x[0] - 2) * (x[0] - 2) + x[1] * x[1], [1, 1], [-Inf, -Inf], [Inf, Inf]);
        Assert.Equal(OptimizationReturnCode.NonFiniteObjective, r.ReturnCode);
        Assert.True(double.IsFinite(r.Minimum));
    }

    [Fact]
    public void RejectsMismatchedBounds()
    {
        Assert.Throws<ArgumentException>(() => new Bobyqa().Minimize(TestFunctions.Rosenbrock, [0, 0], [0], [1, 1], OptimizerSettings.Default));
        Assert.Throws<ArgumentException>(() => new Bobyqa().Minimize(TestFunctions.Rosenbrock, [0, 0], [1, 0], [0, 1], OptimizerSettings.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bobyqa().Minimize(TestFunctions.Rosenbrock, [0, 0], [0, 0], [1, 1], OptimizerSettings.Default with { MaxEvaluations = 0 }));
    }

    [Fact]
    public void MinimizerIsACopy()
    {
        var r = Run(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf], OptimizerSettings.Default);
        var again = r.Minimizer;
        again[0] = 99;
        Assert.NotEqual(99, r.InitialPoint[0]);
    }
}
