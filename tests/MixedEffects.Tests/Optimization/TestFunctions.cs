namespace MixedEffects.Tests.Optimization;

/// <summary>Test objectives whose minima are known analytically.</summary>
internal static class TestFunctions
{
    /// <summary>Rosenbrock's function in two variables; minimum 0 at (1, 1).</summary>
    public static double Rosenbrock(double[] x) =>
        100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);

    /// <summary>
    /// Extended Rosenbrock function (Moré, Garbow and Hillstrom 1981): independent Rosenbrock pairs
    /// (x1, x2), (x3, x4), ...; minimum 0 at (1, ..., 1).
    /// </summary>
    public static double ExtendedRosenbrock(double[] x)
    {
        double f = 0;
        for (int i = 0; i + 1 < x.Length; i += 2)
        {
            double a = x[i + 1] - x[i] * x[i], b = 1 - x[i];
            f += 100 * a * a + b * b;
        }
        return f;
    }
}
