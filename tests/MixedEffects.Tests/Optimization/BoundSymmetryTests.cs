using MixedEffects.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// Objectives with the symmetries of the profiled deviance at a zero variance, whose minima are known analytically:
/// an objective even in a variable bounded below by 0 (zero derivative on the bound whatever the curvature), and one
/// unchanged when a bounded variable and its partner change sign together (a corner with a positive derivative that
/// is not a minimum of the unfolded problem).
/// </summary>
public class BoundSymmetryTests(ITestOutputHelper output)
{
    private static readonly double[] Lower = [0, double.NegativeInfinity];
    private static readonly double[] Upper = [double.PositiveInfinity, double.PositiveInfinity];

    /// <summary>(a^2 - 1)^2 + (b - 2)^2: a saddle on the bound a = 0, the minimum 0 at (1, 2).</summary>
    private static double EvenSaddle(double[] x, double[] g)
    {
        double a = x[0], b = x[1];
        g[0] = 4 * a * (a * a - 1);
        g[1] = 2 * (b - 2);
        return (a * a - 1) * (a * a - 1) + (b - 2) * (b - 2);
    }

    /// <summary>(a^2 + 1)^2 + (b - 2)^2: the minimum 1 on the bound, at (0, 2).</summary>
    private static double EvenMinimum(double[] x, double[] g)
    {
        double a = x[0], b = x[1];
        g[0] = 4 * a * (a * a + 1);
        g[1] = 2 * (b - 2);
        return (a * a + 1) * (a * a + 1) + (b - 2) * (b - 2);
    }

    /// <summary>
    /// (d c + 1)^2 + (c^2 - 1)^2 / 10, unchanged under (d, c) -> (-d, -c): with d &gt;= 0, (0, 1) is a local minimum of the
    /// bounded problem (df/dd = 2 there) but its reflection (0, -1) leads down to the minimum 0 at (1, -1).
    /// </summary>
    private static double Folded(double[] x, double[] g)
    {
        double d = x[0], c = x[1], p = d * c + 1, q = c * c - 1;
        g[0] = 2 * p * c;
        g[1] = 2 * p * d + 0.4 * q * c;
        return p * p + 0.1 * q * q;
    }

    private static double ValueOf(Func<double[], double[], double> f, double[] x) => f(x, new double[x.Length]);

    [Fact]
    public void LimitedMemoryBfgsBLeavesASaddleOnAFlatBound()
    {
        var r = new LimitedMemoryBfgsB().Minimize(EvenSaddle, [0, 0], Lower, Upper);
        output.WriteLine($"{r.Minimum:R} at ({r.Minimizer[0]:R}, {r.Minimizer[1]:R}) in {r.Evaluations}");
        Assert.Equal(0, r.Minimum, 12);
        Assert.Equal(1, r.Minimizer[0], 6);
        Assert.Equal(2, r.Minimizer[1], 6);
    }

    [Fact]
    public void LimitedMemoryBfgsBStaysOnAFlatBoundThatIsAMinimum()
    {
        var r = new LimitedMemoryBfgsB().Minimize(EvenMinimum, [0, 0], Lower, Upper);
        Assert.Equal(1, r.Minimum, 12);
        Assert.Equal(0, r.Minimizer[0]);
        Assert.Equal(2, r.Minimizer[1], 6);
    }

    [Fact]
    public void WithoutTheReflectionTheCornerIsAMinimumOfTheBoundedProblem()
    {
        var s = PersistentMinimizer.WithGradient("lbfgsb").Minimize(Folded, x => ValueOf(Folded, x), [0, 1], Lower, Upper,
            new ConvergenceSettings { EdgeRestartMaxParameters = 0 });
        output.WriteLine($"{s.FinalValue:R} at ({s.FinalParameters[0]:R}, {s.FinalParameters[1]:R})");
        Assert.Equal(1, s.FinalValue, 8);
    }

    [Fact]
    public void TheGradientSearchFollowsTheReflection()
    {
        var s = PersistentMinimizer.WithGradient("lbfgsb").Minimize(Folded, x => ValueOf(Folded, x), [0, 1], Lower, Upper,
            new ConvergenceSettings { EdgeRestartMaxParameters = 0 }, [[1], []]);
        output.WriteLine($"{s.FinalValue:R} at ({s.FinalParameters[0]:R}, {s.FinalParameters[1]:R}) in {s.Evaluations}");
        Assert.Equal(0, s.FinalValue, 10);
        Assert.Equal(1, s.FinalParameters[0], 4);
        Assert.Equal(-1, s.FinalParameters[1], 4);
    }

    [Fact]
    public void TheDerivativeFreeSearchFollowsTheReflection()
    {
        var s = new PersistentMinimizer(new Bobyqa(), "bobyqa").Minimize(x => ValueOf(Folded, x), [0, 1], Lower, Upper,
            OptimizerSettings.Default, new ConvergenceSettings { EdgeRestartMaxParameters = 0 }, [[1], []]);
        output.WriteLine($"{s.FinalValue:R} at ({s.FinalParameters[0]:R}, {s.FinalParameters[1]:R}) in {s.Evaluations}");
        Assert.Equal(0, s.FinalValue, 8);
        Assert.Equal(-1, s.FinalParameters[1], 3);
    }
}
