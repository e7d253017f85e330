namespace MixedEffects.Optimization;

/// <summary>
/// L-BFGS-B (R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory algorithm for bound constrained
/// optimization", SIAM J. Sci. Comput. 16, 1995): a quasi-Newton method for <c>min f(x)</c> subject to
/// <c>l &lt;= x &lt;= u</c> using the gradient. Each iteration
/// <list type="number">
/// <item>builds the limited-memory BFGS matrix B = theta I - W M W' from the last <see cref="Memory"/> pairs
/// (s, y) (the paper's compact form, here held as a dense matrix: the problems solved in this library have tens
/// of variables);</item>
/// <item>finds the generalized Cauchy point: the first local minimizer of the quadratic model along the projected
/// steepest-descent path x(t) = P(x - t g), segment by segment between the breakpoints where variables reach
/// their bounds;</item>
/// <item>minimizes the model over the variables not at a bound at the Cauchy point (the direct primal method),
/// truncating the step to stay feasible;</item>
/// <item>searches along the direction to that point with a strong Wolfe line search
/// (<see cref="StrongWolfeLineSearch"/>; steps beyond the point are allowed up to the bounds) and updates the pairs
/// when the curvature s'y is positive.</item>
/// </list>
/// A variable that reaches a bound where its derivative is zero is probed once off the bound
/// (<see cref="FlatBoundProbe"/>): the projected gradient cannot tell a minimum there from a saddle.
/// It stops when the projected gradient's largest component is below <see cref="GradientTolerance"/> max(1, |f|), or the
/// relative reduction of f is below <see cref="RelativeFunctionTolerance"/> in two successive iterations.
/// The class is immutable; every call allocates its own buffers.
/// </summary>
public sealed class LimitedMemoryBfgsB
{
    /// <summary>Number of correction pairs kept (m in the paper). Default 10.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Tolerance on the largest component of the projected gradient, relative to max(1, |f|). Default 1e-8.</summary>
    public double GradientTolerance { get; init; } = 1e-8;

    /// <summary>Stop when (f_k - f_k+1) / max(|f_k|, |f_k+1|, 1) falls below this. Default 1e-14.</summary>
    public double RelativeFunctionTolerance { get; init; } = 1e-14;

    /// <summary>
    /// A line search that finds no decrease right after an iteration that reduced f by less than this (relative) ends
    /// the search: the iterates are within rounding of the minimum. Otherwise the quasi-Newton matrix is reset once.
    /// </summary>
    private const double NoiseReduction = 1e-10;

    /// <summary>Maximum number of evaluations of f and its gradient. Default 10000.</summary>
    public int MaxEvaluations { get; init; } = 10_000;

    /// <summary>
    /// Minimizes f within the bounds. <paramref name="objective"/> receives x and a gradient buffer to fill, and
    /// returns f(x); it must not keep either array.
    /// </summary>
    public OptimizationResult Minimize(Func<double[], double[], double> objective, double[] start, double[] lower, double[] upper)
    {
        ArgumentNullException.ThrowIfNull(objective);
        double[] x = OptimizationInput.Validate(x => 0, start, lower, upper, OptimizerSettings.Default);
        int n = x.Length, evaluations = 0;
        var g = new double[n];
        double Evaluate(double[] point, double[] gradient)
        {
            evaluations++;
            return objective((double[])point.Clone(), gradient);
        }
        double f = Evaluate(x, g);
        var initial = (double[])x.Clone();
        double initialValue = f;
        OptimizationResult Result(OptimizationReturnCode code, string message) => new()
        {
            Minimizer = (double[])x.Clone(), Minimum = f, Gradient = (double[])g.Clone(), Evaluations = evaluations, InitialPoint = initial,
            InitialValue = initialValue, ReturnCode = code, Message = message,
        };
        if (!double.IsFinite(f) || g.Any(v => !double.IsFinite(v)))
            return Result(OptimizationReturnCode.NonFiniteObjective, "the objective or its gradient is not finite at the start");
        var memory = new LimitedMemoryMatrix(n, Memory);
        int smallReductions = 0;
        double lastReduction = double.PositiveInfinity;
        var flatBounds = new FlatBoundProbe(x, lower, upper);
        bool LeftFlatBound()
        {
            if (evaluations >= MaxEvaluations || !flatBounds.Leave(Evaluate, x, g, ref f, memory, FlatGradient * Math.Max(1, Math.Abs(f)))) return false;
            smallReductions = 0;
            lastReduction = double.PositiveInfinity;
            return true;
        }
        while (true)
        {
            if (ProjectedGradientNorm(x, g, lower, upper) <= GradientTolerance * Math.Max(1, Math.Abs(f)))
            {
                if (LeftFlatBound()) continue;
                return Result(OptimizationReturnCode.Converged, $"projected gradient below {GradientTolerance:G3} max(1, |f|)");
            }
            var b = memory.Dense();
            var cauchy = CauchyPoint(x, g, lower, upper, b);
            var target = SubspaceMinimum(x, g, cauchy, lower, upper, b);
            var d = target.Select((v, i) => v - x[i]).ToArray();
            double slope = d.Select((v, i) => v * g[i]).Sum();
            if (!(slope < 0))
            {
                if (memory.Count == 0)
                {
                    if (LeftFlatBound()) continue;
                    return Result(OptimizationReturnCode.Converged, "no descent direction within the bounds");
                }
                memory.Clear();
                continue;
            }
            double maxStep = MaxFeasibleStep(x, d, lower, upper);
            double step = memory.Count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(d.Sum(v => v * v))) : 1.0;
            var trials = new List<(double Step, double[] Point, double[] Gradient)>();
            StrongWolfeLineSearch.Trial Phi(double t)
            {
                var point = new double[n];
                for (int i = 0; i < n; i++) point[i] = Math.Clamp(x[i] + t * d[i], lower[i], upper[i]);
                var gradient = new double[n];
                double value = Evaluate(point, gradient);
                trials.Add((t, point, gradient));
                double directional = 0;
                for (int i = 0; i < n; i++) directional += gradient[i] * d[i];
                return new StrongWolfeLineSearch.Trial(t, value, directional);
            }
            if (evaluations >= MaxEvaluations) return Result(OptimizationReturnCode.MaxEvaluationsReached, $"{evaluations} evaluations");
            var accepted = StrongWolfeLineSearch.Search(Phi, f, slope, step, maxStep, out _);
            if (accepted is null || !(accepted.Value.Value < f))
            {
                if (memory.Count == 0 || lastReduction < NoiseReduction)
                {
                    if (LeftFlatBound()) continue;
                    return Result(OptimizationReturnCode.Converged, "the line search found no decrease");
                }
                memory.Clear();
                continue;
            }
            var chosen = trials.Last(tr => tr.Step == accepted.Value.Step);
            double fNew = accepted.Value.Value;
            var s = chosen.Point.Select((v, i) => v - x[i]).ToArray();
            var y = chosen.Gradient.Select((v, i) => v - g[i]).ToArray();
            double reduction = (f - fNew) / Math.Max(Math.Max(Math.Abs(f), Math.Abs(fNew)), 1);
            flatBounds.Moved(x, chosen.Point);
            chosen.Point.CopyTo(x, 0);
            chosen.Gradient.CopyTo(g, 0);
            f = fNew;
            memory.Add(s, y);
            lastReduction = reduction;
            smallReductions = reduction <= RelativeFunctionTolerance ? smallReductions + 1 : 0;
            if (smallReductions == 2 && !LeftFlatBound())
                return Result(OptimizationReturnCode.FunctionToleranceReached, $"relative reduction below {RelativeFunctionTolerance:G3} twice");
            if (evaluations >= MaxEvaluations) return Result(OptimizationReturnCode.MaxEvaluationsReached, $"{evaluations} evaluations");
            if (ProjectedGradientNorm(x, g, lower, upper) <= FlatProbeGradient * Math.Max(1, Math.Abs(f))) LeftFlatBound();
        }
    }

    /// <summary>
    /// Once the projected gradient is below this (relative to max(1, |f|)) the search is near the minimum on its
    /// current face: variables on flat bounds are probed then rather than at the end.
    /// </summary>
    private const double FlatProbeGradient = 1e-3;

    /// <summary>A derivative below this (relative to max(1, |f|)) at a bound counts as zero.</summary>
    private const double FlatGradient = 1e-10;

    /// <summary>The largest t with x + t d inside the bounds (at least 1: d points to a feasible point).</summary>
    private static double MaxFeasibleStep(double[] x, double[] d, double[] lower, double[] upper)
    {
        double t = double.PositiveInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] > 0 && double.IsFinite(upper[i])) t = Math.Min(t, (upper[i] - x[i]) / d[i]);
            else if (d[i] < 0 && double.IsFinite(lower[i])) t = Math.Min(t, (lower[i] - x[i]) / d[i]);
        }
        return Math.Max(t, 1.0);
    }

    /// <summary>max_i |P(x - g)_i - x_i|, the first-order optimality measure of the bound-constrained problem.</summary>
    public static double ProjectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper)
    {
        double norm = 0;
        for (int i = 0; i < x.Length; i++) norm = Math.Max(norm, Math.Abs(Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i]));
        return norm;
    }

    /// <summary>The generalized Cauchy point: the first minimizer of the model along the projected gradient path.</summary>
    private static double[] CauchyPoint(double[] x, double[] g, double[] lower, double[] upper, double[,] b)
    {
        int n = x.Length;
        var breakpoint = new double[n];
        for (int i = 0; i < n; i++)
            breakpoint[i] = g[i] < 0 ? (x[i] - upper[i]) / g[i] : g[i] > 0 ? (x[i] - lower[i]) / g[i] : double.PositiveInfinity;
        var order = Enumerable.Range(0, n).Where(i => breakpoint[i] > 0).OrderBy(i => breakpoint[i]).ToList();
        var d = new double[n];
        foreach (int i in order) d[i] = -g[i];
        var z = new double[n];
        var xc = (double[])x.Clone();
        double t = 0;
        int next = 0;
        while (true)
        {
            double tNext = next < order.Count ? breakpoint[order[next]] : double.PositiveInfinity;
            // model along this segment: q(dt) = f1 dt + f2 dt^2 / 2 with f1 = g'd + z'Bd and f2 = d'Bd
            double f1 = 0, f2 = 0;
            for (int i = 0; i < n; i++)
            {
                if (d[i] == 0 && z[i] == 0) continue;
                double bd = 0;
                for (int j = 0; j < n; j++) bd += b[i, j] * d[j];
                f1 += g[i] * d[i] + z[i] * bd;
                f2 += d[i] * bd;
            }
            if (f1 >= 0) break;
            double dtStar = f2 > 0 ? -f1 / f2 : double.PositiveInfinity;
            double dt = tNext - t;
            if (dtStar < dt)
            {
                for (int i = 0; i < n; i++) { z[i] += dtStar * d[i]; }
                break;
            }
            if (double.IsPositiveInfinity(tNext)) break;
            for (int i = 0; i < n; i++) z[i] += dt * d[i];
            t = tNext;
            // every variable whose breakpoint is reached stops at its bound
            while (next < order.Count && breakpoint[order[next]] <= t)
            {
                int i = order[next++];
                z[i] = (g[i] < 0 ? upper[i] : lower[i]) - x[i];
                d[i] = 0;
            }
        }
        for (int i = 0; i < n; i++) xc[i] = Math.Clamp(x[i] + z[i], lower[i], upper[i]);
        return xc;
    }

    /// <summary>The minimizer of the model over the variables free at the Cauchy point, truncated to the bounds.</summary>
    private static double[] SubspaceMinimum(double[] x, double[] g, double[] xc, double[] lower, double[] upper, double[,] b)
    {
        int n = x.Length;
        var free = Enumerable.Range(0, n).Where(i => xc[i] > lower[i] && xc[i] < upper[i]).ToArray();
        int k = free.Length;
        if (k == 0) return xc;
        // reduced gradient r = Z'(g + B (xc - x)); solve Z'BZ du = -r
        var r = new double[k];
        var h = new double[k * k];
        for (int a = 0; a < k; a++)
        {
            int i = free[a];
            double v = g[i];
            for (int j = 0; j < n; j++) v += b[i, j] * (xc[j] - x[j]);
            r[a] = -v;
            for (int c = 0; c < k; c++) h[a * k + c] = b[i, free[c]];
        }
        if (!LinearAlgebra.SmallDense.Cholesky(h, k)) return xc;
        LinearAlgebra.SmallDense.SolveLower(h, k, r);
        LinearAlgebra.SmallDense.SolveLowerTransposed(h, k, r);
        double alpha = 1;
        for (int a = 0; a < k; a++)
        {
            int i = free[a];
            if (r[a] > 0) alpha = Math.Min(alpha, (upper[i] - xc[i]) / r[a]);
            else if (r[a] < 0) alpha = Math.Min(alpha, (lower[i] - xc[i]) / r[a]);
        }
        var target = (double[])xc.Clone();
        for (int a = 0; a < k; a++) target[free[a]] = Math.Clamp(xc[free[a]] + alpha * r[a], lower[free[a]], upper[free[a]]);
        return target;
    }
}
