namespace MixedEffects.Models;

/// <summary>
/// Central finite-difference gradient and Hessian of an objective (lme4's <c>deriv12</c>, step 1e-4), the scaled
/// gradient convergence check lme4's <c>checkConv</c> applies to glmer fits, and the covariance of the fixed
/// effects from the Hessian (lme4's <c>vcov</c> with <c>use.hessian = TRUE</c>: the beta block of (H / 2)^-1).
/// </summary>
internal sealed class GlmmDerivatives
{
    private const double Step = 1e-4;

    private GlmmDerivatives(double[] gradient, double[,] hessian)
    {
        Gradient = gradient;
        Hessian = hessian;
    }

    public double[] Gradient { get; }

    public double[,] Hessian { get; }

    public static GlmmDerivatives Compute(Func<double[], double> f, double[] x, double fx)
    {
        int k = x.Length;
        var grad = new double[k];
        var hess = new double[k, k];
        var fp = new double[k];
        var fm = new double[k];
        double Eval(int i, double di, int j, double dj)
        {
            var t = (double[])x.Clone();
            t[i] += di;
            if (j >= 0) t[j] += dj;
            return f(t);
        }
        for (int i = 0; i < k; i++)
        {
            fp[i] = Eval(i, Step, -1, 0);
            fm[i] = Eval(i, -Step, -1, 0);
            grad[i] = (fp[i] - fm[i]) / (2 * Step);
            hess[i, i] = (fp[i] - 2 * fx + fm[i]) / (Step * Step);
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++)
            {
                double v = (Eval(i, Step, j, Step) - fp[i] - fp[j] + 2 * fx - fm[i] - fm[j] + Eval(i, -Step, j, -Step)) / (2 * Step * Step);
                hess[i, j] = hess[j, i] = v;
            }
        return new GlmmDerivatives(grad, hess);
    }

    /// <summary>lme4's message when max(min(|solve(chol(H), g)|, |g|)) exceeds the tolerance, else null.</summary>
    public string? ConvergenceWarning(double tolerance)
    {
        int k = Gradient.Length;
        var l = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) l[i * k + j] = Hessian[i, j];
        double[] scaled = (double[])Gradient.Clone();
        if (LinearAlgebra.SmallDense.Cholesky(l, k))
            LinearAlgebra.SmallDense.SolveLowerTransposed(l, k, scaled);
        double max = 0;
        for (int i = 0; i < k; i++) max = Math.Max(max, Math.Min(Math.Abs(scaled[i]), Math.Abs(Gradient[i])));
        if (double.IsNaN(max) || max <= tolerance) return null;
        return $"Model failed to converge with max|grad| = {max:G4} (tol = {tolerance:G4})";
    }

    /// <summary>The last <paramref name="p"/> rows and columns of (H / 2)^-1, or null when H is not positive definite.</summary>
    public double[,]? FixedEffectsCovariance(int p)
    {
        int k = Gradient.Length;
        var l = new double[k * k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) l[i * k + j] = Hessian[i, j] / 2;
        if (!LinearAlgebra.SmallDense.Cholesky(l, k)) return null;
        var cov = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            var e = new double[k];
            e[k - p + j] = 1;
            LinearAlgebra.SmallDense.SolveLower(l, k, e);
            LinearAlgebra.SmallDense.SolveLowerTransposed(l, k, e);
            for (int i = 0; i < p; i++) cov[i, j] = e[k - p + i];
        }
        for (int i = 0; i < p; i++)
            for (int j = 0; j < i; j++) cov[i, j] = cov[j, i] = 0.5 * (cov[i, j] + cov[j, i]);
        return cov;
    }
}
