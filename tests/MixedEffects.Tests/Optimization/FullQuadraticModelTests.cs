using MixedEffects.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// BOBYQA with a full quadratic model (<see cref="OptimizerSettings.InterpolationPoints"/> = (n+1)(n+2)/2) and the stop on
/// the model's predicted decrease (<see cref="OptimizerSettings.ModelDecreaseTolerance"/>), on functions with known minima.
/// </summary>
public class FullQuadraticModelTests(ITestOutputHelper output)
{
    private const double Inf = double.PositiveInfinity;

    // minimum 2 at (1, -0.5); the cross term makes the Hessian non-diagonal
    private static double Quadratic(double[] x)
    {
        double a = x[0] - 1, b = x[1] + 0.5;
        return 2 + a * a + 3 * b * b + a * b;
    }

    // minimum 0 at (0.6, 0.5) with curvature like a profiled deviance's near its optimum and third-order terms
    private static double Smooth(double[] x)
    {
        double a = x[0] - 0.6, b = x[1] - 0.5;
        return 1e4 * (Math.Exp(a) - 1 - a) + 8e3 * (Math.Cosh(b) - 1) + 2e3 * a * b + 5e3 * a * a * b;
    }

    private OptimizationResult Run(Func<double[], double> f, double[] start, OptimizerSettings settings)
    {
        var lower = start.Select(_ => -Inf).ToArray();
        var upper = start.Select(_ => Inf).ToArray();
        var result = new Bobyqa().Minimize(f, start, lower, upper, settings);
        output.WriteLine($"f = {result.Minimum:R}, x = [{string.Join(", ", result.Minimizer)}], evaluations = {result.Evaluations}, {result.Message}");
        return result;
    }

    [Fact]
    public void QuadraticIsMinimizedByTheFirstTrustRegionStep()
    {
        // six points determine the quadratic exactly: the first step is the Newton step to (1, -0.5)
        var settings = new OptimizerSettings { InitialTrustRadius = 0.5, InterpolationPoints = 6 };
        var evaluated = new List<double[]>();
        var r = Run(x => { evaluated.Add((double[])x.Clone()); return Quadratic(x); }, [1.2, -0.3], settings);
        Assert.Equal(1.0, evaluated[6][0], 10);
        Assert.Equal(-0.5, evaluated[6][1], 10);
        Assert.Equal(2.0, r.Minimum, 14);
        Assert.Equal(OptimizationReturnCode.Converged, r.ReturnCode);
    }

    [Fact]
    public void FullModelReachesRosenbrocksMinimum()
    {
        var settings = new OptimizerSettings { FinalTrustRadius = 1e-8, InterpolationPoints = 6 };
        var r = Run(TestFunctions.Rosenbrock, [-1.2, 1], settings);
        Assert.Equal(1.0, r.Minimizer[0], 5);
        Assert.Equal(1.0, r.Minimizer[1], 5);
        Assert.True(r.Minimum < 1e-10, $"{r.Minimum}");
    }

    [Fact]
    public void MoreThanAFullModelIsCapped()
    {
        // 3 variables: the full model has 10 points; asking for more gives 10, and the minimum (0 at 1, 1, 1) is reached
        var settings = new OptimizerSettings { FinalTrustRadius = 1e-8, InterpolationPoints = 100 };
        var r = Run(x => TestFunctions.Rosenbrock([x[0], x[1]]) + (x[2] - 1) * (x[2] - 1) * (1 + x[0] * x[0]), [-1.2, 1, 0], settings);
        foreach (double x in r.Minimizer) Assert.Equal(1.0, x, 4);
    }

    [Fact]
    public void PredictedDecreaseStopsEarlyAtTheSameAccuracy()
    {
        // from near the optimum with a small radius, as a moment start: the stop on the model's predicted decrease
        // (1e-13 relative to max(1, |f|), i.e. 1e-13 here) ends where the rho schedule to 1e-6 would go on
        var full = new OptimizerSettings { InitialTrustRadius = 0.003, InterpolationPoints = 6 };
        var reference = Run(Smooth, [0.6003, 0.5003], full);
        var early = Run(Smooth, [0.6003, 0.5003], full with { ModelDecreaseTolerance = 1e-13 });
        Assert.StartsWith("the full quadratic model predicts", early.Message);
        Assert.True(early.Evaluations < reference.Evaluations, $"{early.Evaluations} against {reference.Evaluations}");
        Assert.True(early.Minimum < 1e-12, $"{early.Minimum}");
        Assert.Equal(0.6, early.Minimizer[0], 6);
        Assert.Equal(0.5, early.Minimizer[1], 6);
    }

    [Fact]
    public void PredictedDecreaseNeedsAFullModel()
    {
        // with 2n+1 points the model's Hessian is not interpolated: the tolerance is ignored and rho falls to 1e-6
        var settings = new OptimizerSettings { InitialTrustRadius = 0.003, ModelDecreaseTolerance = 1e-13 };
        var r = Run(Smooth, [0.6003, 0.5003], settings);
        Assert.StartsWith("trust-region radius reached", r.Message);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1e-3)]
    [InlineData(0, double.PositiveInfinity)]
    public void InvalidSettingsAreRejected(int points, double tolerance)
    {
        var settings = new OptimizerSettings { InterpolationPoints = points, ModelDecreaseTolerance = tolerance };
        Assert.Throws<ArgumentOutOfRangeException>(() => new Bobyqa().Minimize(Quadratic, [0, 0], [-Inf, -Inf], [Inf, Inf], settings));
    }
}
