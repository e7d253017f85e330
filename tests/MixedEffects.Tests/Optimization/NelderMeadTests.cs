using MixedEffects.Optimization;
using Xunit;

namespace MixedEffects.Tests.Optimization;

public class NelderMeadTests
{
    private const double Inf = double.PositiveInfinity;
    private static readonly OptimizerSettings Tight = OptimizerSettings.Default with { FinalTrustRadius = 1e-9 };

    // Analytic optimum: 0 at (1, 1).
    [Fact]
    public void Rosenbrock2D()
    {
        var r = new NelderMead().Minimize(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf], Tight);
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
        Assert.Equal(1.0, r.Minimizer[0], 5);
        Assert.Equal(1.0, r.Minimizer[1], 5);
    }

    // Analytic optimum under x1 <= 0.5: 0.25 at (0.5, 0.25) (see BobyqaTests).
    [Fact]
    public void Rosenbrock2DWithActiveUpperBound()
    {
        var r = new NelderMead().Minimize(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [0.5, Inf], Tight);
        Assert.Equal(0.5, r.Minimizer[0], 6);
        Assert.Equal(0.25, r.Minimizer[1], 5);
        Assert.Equal(0.25, r.Minimum, 8);
    }

    // Same theta-like problem as BobyqaTests: minimum 0.25 at (0, 0.3, 0.7); points are projected onto t1 >= 0.
    [Fact]
    public void DiagonalThetaAtZero()
    {
        static double F(double[] t) =>
            (t[0] + 0.5) * (t[0] + 0.5) + 2 * (t[1] - 0.3) * (t[1] - 0.3) + (t[2] - 0.7) * (t[2] - 0.7) + 0.5 * t[0] * t[2];
        var r = new NelderMead().Minimize(F, [1, 0, 1], [0, double.NegativeInfinity, 0], [Inf, Inf, Inf], Tight);
        Assert.Equal(0.0, r.Minimizer[0], 6);
        Assert.Equal(0.3, r.Minimizer[1], 5);
        Assert.Equal(0.7, r.Minimizer[2], 5);
        Assert.Equal(0.25, r.Minimum, 8);
    }

    [Fact]
    public void StopsAtMaxEvaluations()
    {
        var r = new NelderMead().Minimize(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf], Tight with { MaxEvaluations = 25 });
        Assert.Equal(OptimizationReturnCode.MaxEvaluationsReached, r.ReturnCode);
        Assert.Equal(25, r.Evaluations);
    }

    [Fact]
    public void AbsoluteFunctionToleranceStopsEarly()
    {
        var loose = OptimizerSettings.Default with { AbsoluteFunctionTolerance = 1e-2 };
        var r = new NelderMead().Minimize(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf], loose);
        var full = new NelderMead().Minimize(TestFunctions.Rosenbrock, [-1.2, 1], [-Inf, -Inf], [Inf, Inf], Tight);
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
        Assert.True(r.Evaluations < full.Evaluations);
    }
}
