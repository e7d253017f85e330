namespace MixedEffects.Models;

/// <summary>
/// lme4's gradient check at the optimum: central finite-difference gradient and Hessian; the gradient scaled by
/// the Hessian's Cholesky factor (or the raw gradient when that fails) must not exceed the tolerance.
/// Parameters on a boundary are left out, as lme4 does.
/// </summary>
internal static class ConvergenceCheck
{
    public static string? Run(Func<double[], double> f, double[] theta, double[] lower, double tolerance)
    {
        var free = Enumerable.Range(0, theta.Length).Where(i => !(lower[i] == 0 && theta[i] < 1e-4)).ToArray();
        int k = free.Length;
        if (k == 0) return null;
        const double h = 1e-4;
        double f0 = f(theta);
        var grad = new double[k];
        var hess = new double[k, k];
        double Eval(int i, double di, int j, double dj)
        {
            var t = (double[])theta.Clone();
            t[free[i]] += di;
            if (j >= 0) t[free[j]] += dj;
            return f(t);
        }
        var fp = new double[k];
        var fm = new double[k];
        for (int i = 0; i < k; i++)
        {
            fp[i] = Eval(i, h, -1, 0);
            fm[i] = Eval(i, -h, -1, 0);
            grad[i] = (fp[i] - fm[i]) / (2 * h);
            hess[i, i] = (fp[i] - 2 * f0 + fm[i]) / (h * h);
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++)
            {
                double v = (Eval(i, h, j, h) - fp[i] - fp[j] + 2 * f0 - fm[i] - fm[j] + Eval(i, -h, j, -h)) / (2 * h * h);
                hess[i, j] = hess[j, i] = v;
            }
        double[] scaled = ScaleByHessian(hess, grad) ?? grad;
        double max = scaled.Max(Math.Abs);
        if (double.IsNaN(max) || max <= tolerance) return null;
        int component = Array.FindIndex(scaled, v => Math.Abs(v) == max) + 1;
        return $"Model failed to converge with max|grad| = {max:G4} (tol = {tolerance:G4}, component {component})";
    }

    /// <summary>solve(chol(H), g) as lme4 computes it; null when H is not positive definite.</summary>
    private static double[]? ScaleByHessian(double[,] h, double[] g)
    {
        int k = g.Length;
        var l = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) l[i * k + j] = h[i, j];
        if (!LinearAlgebra.SmallDense.Cholesky(l, k)) return null;
        // chol(H) in R is the upper factor U = L'; solve(U, g) is back substitution with L'.
        var x = (double[])g.Clone();
        LinearAlgebra.SmallDense.SolveLowerTransposed(l, k, x);
        return x;
    }
}
