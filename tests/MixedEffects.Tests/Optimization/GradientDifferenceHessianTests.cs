using MixedEffects.Optimization;
using Xunit;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The Hessian from central differences of an analytic gradient against the exact Hessian of a smooth function
/// (f = sum a_ij x_i x_j / 2 + sum exp(x_i) / 10, Hessian A + diag(exp(x)) / 10): the difference of a gradient
/// with step h has error of order h^2 = 1e-8 relative, and the scaled gradient and predicted decrease follow.
/// </summary>
public class GradientDifferenceHessianTests
{
    private static readonly double[,] A = { { 4, 1, 0.5 }, { 1, 3, -0.2 }, { 0.5, -0.2, 2 } };

    private static double ValueAndGradient(double[] x, double[] g)
    {
        double f = 0;
        for (int i = 0; i < 3; i++)
        {
            double ax = 0;
            for (int j = 0; j < 3; j++) ax += A[i, j] * x[j];
            f += 0.5 * x[i] * ax + Math.Exp(x[i]) / 10;
            g[i] = ax + Math.Exp(x[i]) / 10;
        }
        return f;
    }

    [Fact]
    public void MatchesTheExactHessian()
    {
        double[] x = [0.3, -1.2, 2.0];
        var g = new double[3];
        ValueAndGradient(x, g);
        var d = FiniteDifferenceDerivatives.FromGradients(ValueAndGradient, x, g, [0, 1, 2]);
        Assert.Equal(6, d.Evaluations);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double exact = A[i, j] + (i == j ? Math.Exp(x[i]) / 10 : 0);
                Assert.True(Math.Abs(d.Hessian[i * 3 + j] - exact) <= 1e-6 * Math.Abs(exact) + 1e-9, $"H[{i},{j}] {d.Hessian[i * 3 + j]:R} vs {exact:R}");
            }
        Assert.Equal(g, d.Gradient);
    }

    [Fact]
    public void UsesOnlyTheGivenVariables()
    {
        double[] x = [0.3, -1.2, 2.0];
        var g = new double[3];
        ValueAndGradient(x, g);
        var d = FiniteDifferenceDerivatives.FromGradients(ValueAndGradient, x, g, [0, 2]);
        Assert.Equal(4, d.Evaluations);
        Assert.Equal(A[0, 2], d.Hessian[1], 6);
        Assert.Equal(A[2, 2] + Math.Exp(2.0) / 10, d.Hessian[3], 6);
        Assert.Equal([g[0], g[2]], d.Gradient);
    }
}
