using MixedEffects.Optimization;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The gradient search's restart from the end of a search that stopped above the restart gradient (1e-3) starts from
/// the value and gradient known there instead of evaluating them again; on a function with a known minimum whose size
/// (1e6) lets the search stop at a projected gradient up to 1e-2, and whose value is rounded to 1e-3 (as a large
/// criterion's rounding): the line search finds no decrease above the restart gradient.
/// </summary>
public class RestartFromTheEndTests(ITestOutputHelper output)
{
    // minimum 1e6 at (1, 2), badly scaled; the value is rounded to 1e-3
    private static double F(double[] x, double[] g)
    {
        double a = x[0] - 1, b = x[1] - 2;
        g[0] = 2e4 * a + 10 * b;
        g[1] = 10 * a + 0.2 * b;
        return 1e6 + Math.Round(1e3 * (1e4 * a * a + 10 * a * b + 0.1 * b * b)) / 1e3;
    }

    [Fact]
    public void RestartDoesNotEvaluateItsStartAgain()
    {
        var points = new List<string>();
        double Counted(double[] x, double[] g)
        {
            points.Add(string.Join(",", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
            return F(x, g);
        }
        var summary = PersistentMinimizer.WithGradient("lbfgsb").Minimize(Counted, x => F(x, new double[2]), [5, -3],
            [double.NegativeInfinity, double.NegativeInfinity], [double.PositiveInfinity, double.PositiveInfinity],
            new ConvergenceSettings { CheckDerivatives = false });
        output.WriteLine($"f = {summary.FinalValue:R} at {string.Join(", ", summary.FinalParameters)}, {summary.Evaluations} evaluations, {summary.Restarts} restarts: {summary.Message}");
        Assert.True(summary.Restarts >= 1, "the case must restart from its end");
        Assert.Equal(points.Count, points.Distinct().Count());
        Assert.Equal(points.Count, summary.Evaluations);
        Assert.Equal(1e6, summary.FinalValue, 3);
    }
}
