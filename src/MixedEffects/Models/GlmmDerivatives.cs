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

    public static GlmmDerivatives Compute(Func<double[], double> f, double[] x, double fx) => Compute([f], x, fx);

    /// <summary>
    /// As <see cref="Compute(Func{double[], double}, double[], double)"/>, spreading the evaluations over the given
    /// objectives, one thread each; they must be independent copies of the same function (the result does not depend
    /// on which copy evaluates which point).
    /// </summary>
    public static GlmmDerivatives Compute(IReadOnlyList<Func<double[], double>> objectives, double[] x, double fx)
    {
        int k = x.Length;
        // points: +e_i, -e_i for every i, then +e_i+e_j, -e_i-e_j for j < i
        var points = new List<double[]>(2 * k + k * (k - 1));
        double[] Shifted(int i, double di, int j, double dj)
        {
            var t = (double[])x.Clone();
            t[i] += di;
            if (j >= 0) t[j] += dj;
            return t;
        }
        for (int i = 0; i < k; i++)
        {
            points.Add(Shifted(i, Step, -1, 0));
            points.Add(Shifted(i, -Step, -1, 0));
        }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++)
            {
                points.Add(Shifted(i, Step, j, Step));
                points.Add(Shifted(i, -Step, j, -Step));
            }
        var values = Evaluate(objectives, points);

        var grad = new double[k];
        var hess = new double[k, k];
        var fp = new double[k];
        var fm = new double[k];
        for (int i = 0; i < k; i++)
        {
            fp[i] = values[2 * i];
            fm[i] = values[2 * i + 1];
            grad[i] = (fp[i] - fm[i]) / (2 * Step);
            hess[i, i] = (fp[i] - 2 * fx + fm[i]) / (Step * Step);
        }
        int next = 2 * k;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++)
            {
                double plus = values[next++], minus = values[next++];
                double v = (plus - fp[i] - fp[j] + 2 * fx - fm[i] - fm[j] + minus) / (2 * Step * Step);
                hess[i, j] = hess[j, i] = v;
            }
        return new GlmmDerivatives(grad, hess);
    }

    /// <summary>The objective at every point: worker w takes the points w, w + workers, ...; the first runs on the calling thread.</summary>
    private static double[] Evaluate(IReadOnlyList<Func<double[], double>> objectives, List<double[]> points)
    {
        var values = new double[points.Count];
        int workers = Math.Min(objectives.Count, points.Count);
        void Run(int w)
        {
            var f = objectives[w];
            for (int i = w; i < points.Count; i += workers) values[i] = f(points[i]);
        }
        if (workers <= 1)
        {
            Run(0);
            return values;
        }
        var others = new Task[workers - 1];
        for (int w = 1; w < workers; w++)
        {
            int worker = w;
            others[w - 1] = Task.Factory.StartNew(() => Run(worker), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Run(0);
        Task.WaitAll(others);
        return values;
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
