namespace MixedEffects.Optimization;

/// <summary>
/// Runs a local search and does not accept a point from which the objective can still go down (lme4's convergence
/// checks and <c>restart_edge</c>, made into a loop). The search is derivative-free (an <see cref="IBoundedOptimizer"/>
/// such as BOBYQA) or uses the analytic gradient (<see cref="LimitedMemoryBfgsB"/>); the loop is the same. After each
/// search:
/// <list type="number">
/// <item>Boundary probe: every parameter on a bound is moved into the interior (by 1e-4 to 1e-1) and, when
/// within the boundary tolerance but not on the bound, onto the bound. A parameter on a lower bound of 0 that has a
/// reflection (the objective is unchanged when it and its partners change sign together, as the profiled deviance
/// under a sign change of a column of a relative covariance factor) is also moved into the interior from the
/// reflected point: at a zero diagonal the bound folds the parameter space, and the way down may lie on the other
/// side. A lower objective restarts the search there.</item>
/// <item>Newton probe (when derivatives are checked): the gradient and Hessian over the interior parameters (central
/// differences of the objective, or of the analytic gradient for up to
/// <see cref="ConvergenceSettings.EdgeRestartMaxParameters"/> parameters) give a Newton step (a scaled
/// steepest-descent step where the Hessian is not positive definite), searched backwards from the full step and
/// projected onto the bounds; a lower objective restarts the search there.</item>
/// <item>Gradient check (gradient search only): when the projected gradient at the end is above 1e-3 the search
/// restarts there with a fresh quasi-Newton matrix.</item>
/// <item>Edge restart (once, for an optimum on a bound, whatever the restart limit, when derivatives are checked and
/// there are at most <see cref="ConvergenceSettings.EdgeRestartMaxParameters"/> parameters):
/// a coarse derivative-free search restarts with the parameters on bounds moved back to their start values; when it
/// comes close to the optimum found it is refined, and its result is kept only when lower.</item>
/// </list>
/// Every restart runs in coordinates scaled by the parameters' magnitudes. The loop ends when no probe finds a decrease
/// (the last derivatives are the final check) or after <see cref="ConvergenceSettings.MaxRestarts"/> restarts from probes.
/// The summary reports the gradient at the end and, when a check fails, says so: <see cref="OptimizerSummary.Converged"/>
/// is then false.
/// </summary>
public sealed class PersistentMinimizer
{
    private static readonly double[] ProbeOffsets = [1e-4, 1e-3, 1e-2, 1e-1];
    private readonly IBoundedOptimizer? _optimizer;
    private readonly LimitedMemoryBfgsB? _gradientSearch;
    private readonly string _name;

    /// <summary>Wraps the derivative-free <paramref name="optimizer"/>, reported as <paramref name="name"/>.</summary>
    public PersistentMinimizer(IBoundedOptimizer optimizer, string name)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _optimizer = optimizer;
        _name = name;
    }

    /// <summary>Wraps the gradient search <paramref name="search"/>, reported as <paramref name="name"/>.</summary>
    public PersistentMinimizer(LimitedMemoryBfgsB search, string name)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _gradientSearch = search;
        _name = name;
    }

    /// <summary>
    /// The gradient search used by <see cref="OptimizerChoice.LBfgsB"/>: L-BFGS-B keeping 20 pairs, stopping at a
    /// projected gradient of 1e-8 max(1, |f|) or two relative reductions below 1e-13.
    /// </summary>
    public static PersistentMinimizer WithGradient(string name) =>
        new(new LimitedMemoryBfgsB { Memory = 20, GradientTolerance = 1e-8, RelativeFunctionTolerance = 1e-13 }, name);

    /// <summary>
    /// Minimizes <paramref name="objective"/> within the bounds with the derivative-free optimizer; see the class
    /// summary for the checks. <paramref name="reflections"/>, when given, lists for each parameter the partners whose
    /// signs change with it without changing the objective (empty for none).
    /// </summary>
    public OptimizerSummary Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper,
        OptimizerSettings settings, ConvergenceSettings convergence, IReadOnlyList<int[]>? reflections = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(convergence);
        if (_optimizer is null) throw new InvalidOperationException($"{_name} needs the objective's gradient");
        return Run(new DerivativeFreeSearch(_optimizer, objective, lower, upper, settings, convergence), start, lower, upper, convergence, reflections);
    }

    /// <summary>
    /// Minimizes the objective within the bounds with the gradient search; see the class summary for the checks.
    /// <paramref name="valueAndGradient"/> returns f(x) and fills the gradient; <paramref name="value"/> returns f(x)
    /// alone (for probes). Neither may keep its arrays. <paramref name="reflections"/> as for the derivative-free overload.
    /// </summary>
    public OptimizerSummary Minimize(Func<double[], double[], double> valueAndGradient, Func<double[], double> value, double[] start,
        double[] lower, double[] upper, ConvergenceSettings convergence, IReadOnlyList<int[]>? reflections = null)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(convergence);
        if (_gradientSearch is null) throw new InvalidOperationException($"{_name} is derivative-free: minimize the objective alone");
        return Run(new GradientSearch(_gradientSearch, valueAndGradient, value, lower, upper, convergence), start, lower, upper, convergence, reflections);
    }

    private OptimizerSummary Run(ILocalSearch search, double[] start, double[] lower, double[] upper, ConvergenceSettings convergence,
        IReadOnlyList<int[]>? reflections)
    {
        var first = search.First(start);
        search.Accepted(first);
        var last = first;
        double[] x = last.Minimizer;
        double fx = last.Minimum;
        double tol = convergence.BoundaryTolerance;
        int restarts = 0, probeRestarts = 0;
        bool edgeTried = false, descentLeft = false;
        FiniteDifferenceDerivatives? derivatives = null;
        while (double.IsFinite(fx))
        {
            var next = BoundaryProbe(search.Value, x, fx, lower, upper, tol, reflections);
            derivatives = null;
            if (next is null)
            {
                derivatives = search.Derivatives(x, fx, Interior(x, lower, upper, tol));
                if (derivatives is not null) next = NewtonProbe(search.Value, x, fx, derivatives, lower, upper);
            }
            if (next is null && search.RestartHere(x)) next = x;
            bool edge = false;
            if (next is null && !edgeTried && convergence.CheckDerivatives && x.Length <= convergence.EdgeRestartMaxParameters)
            {
                edgeTried = true;
                next = EdgeStart(x, first.InitialPoint, lower, upper, tol);
                edge = next is not null;
            }
            if (next is null) break;
            if (!edge && probeRestarts == convergence.MaxRestarts)
            {
                descentLeft = true;
                break;
            }
            if (!edge) probeRestarts++;
            restarts++;
            var result = edge ? search.Edge(next, fx) : search.Restart(next);
            bool lowerByMore = result.Minimum < fx - Threshold(fx);
            if (result.Minimum < fx)
            {
                search.Accepted(result);
                derivatives = null;
                last = result;
                x = result.Minimizer;
                fx = result.Minimum;
            }
            if (!lowerByMore) break;
        }
        var warnings = new List<string>();
        if (last.ReturnCode == OptimizationReturnCode.MaxEvaluationsReached)
            warnings.Add($"maximum number of function evaluations exceeded ({search.Evaluations})");
        var (gradient, maxScaled, warning) = search.Check(x, fx, derivatives, Interior(x, lower, upper, tol));
        if (warning is not null) warnings.Add(warning);
        if (descentLeft)
            warnings.Add($"Model failed to converge: the objective still decreases near the optimum after {probeRestarts} restarts");
        return new OptimizerSummary
        {
            Optimizer = _name,
            Evaluations = search.Evaluations,
            GradientEvaluations = search.GradientEvaluations,
            CheckEvaluations = search.CheckEvaluations,
            InitialParameters = Array.AsReadOnly((double[])first.InitialPoint.Clone()),
            InitialValue = first.InitialValue,
            FinalParameters = Array.AsReadOnly((double[])x.Clone()),
            FinalValue = fx,
            FinalGradient = Array.AsReadOnly(gradient),
            MaxScaledGradient = maxScaled,
            ReturnCode = last.ReturnCode,
            Message = last.Message,
            Restarts = restarts,
            Converged = warnings.Count == 0,
            Warnings = warnings.AsReadOnly(),
        };
    }

    /// <summary>A decrease smaller than this is not worth a restart.</summary>
    internal static double Threshold(double fx) => 1e-10 * Math.Max(1, Math.Abs(fx));

    internal static bool OnLower(double[] x, double[] lower, int i, double tol) => double.IsFinite(lower[i]) && x[i] - lower[i] < tol;

    internal static bool OnUpper(double[] x, double[] upper, int i, double tol) => double.IsFinite(upper[i]) && upper[i] - x[i] < tol;

    internal static int[] Interior(double[] x, double[] lower, double[] upper, double tol) =>
        Enumerable.Range(0, x.Length).Where(i => !OnLower(x, lower, i, tol) && !OnUpper(x, upper, i, tol)).ToArray();

    /// <summary>
    /// The best point found by moving one parameter on a bound into the interior or onto the bound, directly or from
    /// its reflected point; null when none is lower.
    /// </summary>
    internal static double[]? BoundaryProbe(Func<double[], double> f, double[] x, double fx, double[] lower, double[] upper, double tol,
        IReadOnlyList<int[]>? reflections = null)
    {
        double best = fx - Threshold(fx);
        double[]? bestPoint = null;
        var trial = new double[x.Length];
        void Try(double[] from, int i, double value)
        {
            if (value == from[i] || value < lower[i] || value > upper[i]) return;
            from.CopyTo(trial, 0);
            trial[i] = value;
            double v = f(trial);
            if (v < best) { best = v; bestPoint = (double[])trial.Clone(); }
        }
        for (int i = 0; i < x.Length; i++)
        {
            if (OnLower(x, lower, i, tol))
            {
                Try(x, i, lower[i]);
                foreach (double d in ProbeOffsets) Try(x, i, lower[i] + d);
                var mirror = Reflected(x, i, lower, reflections, tol);
                if (mirror is not null)
                    foreach (double d in ProbeOffsets) Try(mirror, i, d);
            }
            else if (OnUpper(x, upper, i, tol))
            {
                Try(x, i, upper[i]);
                foreach (double d in ProbeOffsets) Try(x, i, upper[i] - d);
            }
        }
        return bestPoint;
    }

    /// <summary>
    /// <paramref name="x"/> with parameter <paramref name="i"/> (on its lower bound of 0) and its reflection partners
    /// changed in sign; null when it has no partner at least <paramref name="tol"/> away from 0 (the same point).
    /// </summary>
    private static double[]? Reflected(double[] x, int i, double[] lower, IReadOnlyList<int[]>? reflections, double tol)
    {
        if (reflections is null || lower[i] != 0 || !reflections[i].Any(j => Math.Abs(x[j]) >= tol)) return null;
        var mirror = (double[])x.Clone();
        mirror[i] = -x[i];
        foreach (int j in reflections[i]) mirror[j] = -x[j];
        return mirror;
    }

    /// <summary>A point lower than <paramref name="fx"/> along the projected Newton step, or null.</summary>
    internal static double[]? NewtonProbe(Func<double[], double> f, double[] x, double fx, FiniteDifferenceDerivatives d, double[] lower, double[] upper)
    {
        var step = d.DescentStep();
        if (step is null || step.Length == 0) return null;
        double predicted = 0;
        for (int j = 0; j < step.Length; j++) predicted -= d.Gradient[j] * step[j];
        if (!(predicted > Threshold(fx))) return null;
        var trial = new double[x.Length];
        double t = 1;
        for (int halving = 0; halving <= 10; halving++, t /= 2)
        {
            x.CopyTo(trial, 0);
            for (int j = 0; j < step.Length; j++)
            {
                int i = d.Variables[j];
                trial[i] = Math.Clamp(x[i] + t * step[j], lower[i], upper[i]);
            }
            if (f(trial) < fx - Threshold(fx)) return trial;
        }
        return null;
    }

    /// <summary>
    /// The point with every parameter on a bound moved back to its start value (or 0.1 into the interior when the
    /// start is on the bound too): lme4's restart from the edge, for an optimum on the boundary whose neighbours are
    /// all higher but which may not be the lowest; null when no parameter is on a bound.
    /// </summary>
    internal static double[]? EdgeStart(double[] x, double[] start, double[] lower, double[] upper, double tol)
    {
        double[]? point = null;
        for (int i = 0; i < x.Length; i++)
        {
            bool onLower = OnLower(x, lower, i, tol), onUpper = OnUpper(x, upper, i, tol);
            if (!onLower && !onUpper) continue;
            point ??= (double[])x.Clone();
            bool startOff = onLower ? start[i] - lower[i] >= tol : upper[i] - start[i] >= tol;
            point[i] = startOff ? start[i] : onLower ? Math.Min(lower[i] + 0.1, upper[i]) : Math.Max(upper[i] - 0.1, lower[i]);
        }
        return point;
    }
}
