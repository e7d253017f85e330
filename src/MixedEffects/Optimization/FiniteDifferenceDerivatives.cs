namespace MixedEffects.Optimization;

/// <summary>
/// Central finite-difference gradient and Hessian of an objective over a subset of its variables, as lme4's
/// convergence check computes them: 2k evaluations for the gradient and diagonal, 2 more for every pair of
/// variables. The step of variable i is <see cref="Step"/> * max(|x_i|, 1e-3) (lme4: 1e-4 for every variable), so
/// that a parameter of small magnitude, such as a slope on an uncentred covariate, is not differenced across a
/// large fraction of its value.
/// </summary>
internal sealed class FiniteDifferenceDerivatives
{
    /// <summary>The relative finite-difference step (lme4's <c>deriv12</c> default step).</summary>
    public const double Step = 1e-4;

    private FiniteDifferenceDerivatives(int[] variables, double[] gradient, double[] hessian, int evaluations)
    {
        Variables = variables;
        Gradient = gradient;
        Hessian = hessian;
        Evaluations = evaluations;
    }

    /// <summary>The finite-difference step for a variable whose value is <paramref name="value"/>.</summary>
    public static double StepAt(double value) => Step * Math.Max(Math.Abs(value), 1e-3);

    /// <summary>Indices of the variables differentiated, in order.</summary>
    public int[] Variables { get; }

    /// <summary>The gradient over <see cref="Variables"/>.</summary>
    public double[] Gradient { get; }

    /// <summary>The Hessian over <see cref="Variables"/>, row-major k x k.</summary>
    public double[] Hessian { get; }

    /// <summary>Objective evaluations used.</summary>
    public int Evaluations { get; }

    /// <summary>Differentiates <paramref name="f"/> at <paramref name="x"/> (value <paramref name="fx"/>) over <paramref name="variables"/>.</summary>
    public static FiniteDifferenceDerivatives Compute(Func<double[], double> f, double[] x, double fx, int[] variables)
    {
        int k = variables.Length;
        var grad = new double[k];
        var hess = new double[k * k];
        var fp = new double[k];
        var fm = new double[k];
        var point = new double[x.Length];
        int evaluations = 0;
        var h = variables.Select(v => StepAt(x[v])).ToArray();
        double At(int i, int si, int j, int sj)
        {
            x.CopyTo(point, 0);
            point[variables[i]] += si * h[i];
            if (j >= 0) point[variables[j]] += sj * h[j];
            evaluations++;
            return f(point);
        }
        for (int i = 0; i < k; i++)
        {
            fp[i] = At(i, 1, -1, 0);
            fm[i] = At(i, -1, -1, 0);
            grad[i] = (fp[i] - fm[i]) / (2 * h[i]);
            hess[i * k + i] = (fp[i] - 2 * fx + fm[i]) / (h[i] * h[i]);
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++)
            {
                double v = (At(i, 1, j, 1) - fp[i] - fp[j] + 2 * fx - fm[i] - fm[j] + At(i, -1, j, -1)) / (2 * h[i] * h[j]);
                hess[i * k + j] = hess[j * k + i] = v;
            }
        return new FiniteDifferenceDerivatives(variables, grad, hess, evaluations);
    }

    /// <summary>
    /// The analytic <paramref name="gradient"/> at <paramref name="x"/> over <paramref name="variables"/> with the Hessian
    /// by central differences of the analytic gradient <paramref name="valueAndGradient"/> (2k gradient evaluations,
    /// same steps as <see cref="Compute"/>), symmetrized.
    /// </summary>
    public static FiniteDifferenceDerivatives FromGradients(Func<double[], double[], double> valueAndGradient, double[] x,
        double[] gradient, int[] variables)
    {
        int k = variables.Length, n = x.Length;
        var hess = new double[k * k];
        var point = new double[n];
        var gp = new double[n];
        var gm = new double[n];
        int evaluations = 0;
        for (int j = 0; j < k; j++)
        {
            double h = StepAt(x[variables[j]]);
            x.CopyTo(point, 0);
            point[variables[j]] += h;
            valueAndGradient(point, gp);
            x.CopyTo(point, 0);
            point[variables[j]] -= h;
            valueAndGradient(point, gm);
            evaluations += 2;
            for (int i = 0; i < k; i++) hess[i * k + j] = (gp[variables[i]] - gm[variables[i]]) / (2 * h);
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++) hess[i * k + j] = hess[j * k + i] = 0.5 * (hess[i * k + j] + hess[j * k + i]);
        return new FiniteDifferenceDerivatives(variables, variables.Select(v => gradient[v]).ToArray(), hess, evaluations);
    }

    /// <summary>
    /// lme4's scaled gradient <c>solve(chol(H), g)</c>; the raw gradient when H is not positive definite.
    /// </summary>
    public double[] ScaledGradient()
    {
        int k = Variables.Length;
        var l = (double[])Hessian.Clone();
        if (!LinearAlgebra.SmallDense.Cholesky(l, k)) return (double[])Gradient.Clone();
        // chol(H) in R is the upper factor U = L'; solve(U, g) is back substitution with L'.
        var s = (double[])Gradient.Clone();
        LinearAlgebra.SmallDense.SolveLowerTransposed(l, k, s);
        return s;
    }

    /// <summary>
    /// The decrease a Newton step predicts, g' H^-1 g / 2 (invariant under rescaling of the variables); NaN when H is
    /// not positive definite.
    /// </summary>
    public double PredictedDecrease()
    {
        int k = Variables.Length;
        var l = (double[])Hessian.Clone();
        if (!LinearAlgebra.SmallDense.Cholesky(l, k)) return double.NaN;
        var z = (double[])Gradient.Clone();
        LinearAlgebra.SmallDense.SolveLower(l, k, z);
        return 0.5 * z.Sum(v => v * v);
    }

    /// <summary>
    /// The Newton step -H^-1 g over <see cref="Variables"/>, or a diagonally scaled steepest-descent step when H is
    /// not positive definite; null when the gradient is not finite.
    /// </summary>
    public double[]? DescentStep()
    {
        int k = Variables.Length;
        if (Gradient.Any(v => !double.IsFinite(v)) || Hessian.Any(v => !double.IsFinite(v))) return null;
        var l = (double[])Hessian.Clone();
        var d = Gradient.Select(v => -v).ToArray();
        if (LinearAlgebra.SmallDense.Cholesky(l, k))
        {
            LinearAlgebra.SmallDense.SolveLower(l, k, d);
            LinearAlgebra.SmallDense.SolveLowerTransposed(l, k, d);
            return d;
        }
        for (int i = 0; i < k; i++)
        {
            double curvature = Math.Abs(Hessian[i * k + i]);
            d[i] /= curvature > 1e-8 ? curvature : 1;
        }
        return d;
    }
}
