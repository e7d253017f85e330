namespace MixedEffects.Optimization;

/// <summary>
/// Runs a bounded optimizer and does not accept a point from which the objective can still go down
/// (lme4's convergence checks and <c>restart_edge</c>, made into a loop). After each search:
/// <list type="number">
/// <item>Boundary probe: every parameter on a bound is moved into the interior (by 1e-4 to 1e-1) and, when
/// within the boundary tolerance but not on the bound, onto the bound; a lower objective restarts the search there.</item>
/// <item>Newton probe (when derivatives are checked): the central finite-difference gradient and Hessian over the
/// interior parameters give a Newton step (a scaled steepest-descent step where the Hessian is not positive
/// definite), searched backwards from the full step and projected onto the bounds; a lower objective restarts the
/// search there.</item>
/// <item>Edge restart (once, for an optimum on a bound, whatever the restart limit, when derivatives are checked and
/// there are at most <see cref="ConvergenceSettings.EdgeRestartMaxParameters"/> parameters):
/// a coarse search restarts with the parameters on bounds moved back to their start values; when it comes close to
/// the optimum found it is refined, and its result is kept only when lower.</item>
/// </list>
/// Every restart runs in coordinates scaled by the parameters' magnitudes. The loop ends when neither probe finds a decrease (the last derivatives are the final check) or after
/// <see cref="ConvergenceSettings.MaxRestarts"/> restarts from probes. The summary reports the gradient at the end and, when a
/// check fails, says so: <see cref="OptimizerSummary.Converged"/> is then false.
/// </summary>
public sealed class PersistentMinimizer
{
    private static readonly double[] ProbeOffsets = [1e-4, 1e-3, 1e-2, 1e-1];
    private readonly IBoundedOptimizer _optimizer;
    private readonly string _name;

    /// <summary>Wraps <paramref name="optimizer"/>, reported as <paramref name="name"/>.</summary>
    public PersistentMinimizer(IBoundedOptimizer optimizer, string name)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentException.ThrowIfNullOrEmpty(name);
        _optimizer = optimizer;
        _name = name;
    }

    /// <summary>
    /// Minimizes <paramref name="objective"/> within the bounds; see the class summary for the checks.
    /// <paramref name="firstSearch"/>, when given, replaces the wrapped optimizer's first search (e.g. a gradient
    /// method): it receives the start and returns its result, whose evaluations are counted.
    /// </summary>
    public OptimizerSummary Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper,
        OptimizerSettings settings, ConvergenceSettings convergence, Func<double[], OptimizationResult>? firstSearch = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(convergence);
        int evaluations = 0;
        double F(double[] x) { evaluations++; return objective(x); }

        var last = firstSearch is null ? _optimizer.Minimize(F, start, lower, upper, settings) : firstSearch(start);
        if (firstSearch is not null) evaluations += last.Evaluations;
        var first = last;
        double[] x = last.Minimizer;
        double fx = last.Minimum;
        int restarts = 0, checkEvaluations = 0;
        FiniteDifferenceDerivatives? derivatives = null;
        bool descentLeft = false;
        bool edgeTried = false;
        int probeRestarts = 0;
        while (double.IsFinite(fx))
        {
            var next = BoundaryProbe(F, x, fx, lower, upper, convergence.BoundaryTolerance);
            derivatives = null;
            if (next is null && convergence.CheckDerivatives)
            {
                derivatives = FiniteDifferenceDerivatives.Compute(objective, x, fx, Interior(x, lower, upper, convergence.BoundaryTolerance));
                checkEvaluations += derivatives.Evaluations;
                next = NewtonProbe(F, x, fx, derivatives, lower, upper);
            }
            bool edge = false;
            if (next is null && !edgeTried && convergence.CheckDerivatives && x.Length <= convergence.EdgeRestartMaxParameters)
            {
                edgeTried = true;
                next = EdgeStart(x, first.InitialPoint, lower, upper, convergence.BoundaryTolerance);
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
            var result = edge ? EdgeSearch(F, next, fx, lower, upper, settings) : ScaledSearch(F, next, lower, upper, settings);
            if (result.Minimum < fx - Threshold(fx))
            {
                last = result;
                x = result.Minimizer;
                fx = result.Minimum;
            }
            else if (edge) break;
            else if (result.Minimum < fx)
            {
                x = result.Minimizer;
                fx = result.Minimum;
            }
        }
        var interior = Interior(x, lower, upper, convergence.BoundaryTolerance);
        if (derivatives is null && convergence.CheckDerivatives && double.IsFinite(fx))
        {
            derivatives = FiniteDifferenceDerivatives.Compute(objective, x, fx, interior);
            checkEvaluations += derivatives.Evaluations;
        }
        double[] gradient = [];
        double maxScaled = double.NaN;
        var warnings = new List<string>();
        if (last.ReturnCode == OptimizationReturnCode.MaxEvaluationsReached)
            warnings.Add($"maximum number of function evaluations exceeded ({evaluations})");
        if (derivatives is not null)
        {
            gradient = FullGradient(objective, x, fx, derivatives, lower, upper, ref checkEvaluations);
            var scaled = derivatives.ScaledGradient();
            if (scaled.Length > 0)
            {
                maxScaled = scaled.Max(Math.Abs);
                double predicted = derivatives.PredictedDecrease();
                if (maxScaled > convergence.GradientTolerance && !(predicted <= convergence.DecreaseTolerance))
                {
                    int component = derivatives.Variables[Array.FindIndex(scaled, v => Math.Abs(v) == maxScaled)] + 1;
                    warnings.Add($"Model failed to converge with max|grad| = {maxScaled:G4} (tol = {convergence.GradientTolerance:G4}, component {component})");
                }
            }
        }
        return Summary(_name, first, last, x, fx, gradient, maxScaled, warnings, descentLeft, probeRestarts) with
        {
            Evaluations = evaluations,
            CheckEvaluations = checkEvaluations,
            Restarts = restarts,
        };
    }

    /// <summary>The summary of a search from <paramref name="first"/>'s start to <paramref name="x"/> (counts set by the caller).</summary>
    internal static OptimizerSummary Summary(string name, OptimizationResult first, OptimizationResult last, double[] x, double fx,
        double[] gradient, double maxScaled, List<string> warnings, bool descentLeft, int probeRestarts)
    {
        if (descentLeft)
            warnings.Add($"Model failed to converge: the objective still decreases near the optimum after {probeRestarts} restarts");
        return new OptimizerSummary
        {
            Optimizer = name,
            Evaluations = 0,
            CheckEvaluations = 0,
            InitialParameters = Array.AsReadOnly((double[])first.InitialPoint.Clone()),
            InitialValue = first.InitialValue,
            FinalParameters = Array.AsReadOnly((double[])x.Clone()),
            FinalValue = fx,
            FinalGradient = Array.AsReadOnly(gradient),
            MaxScaledGradient = maxScaled,
            ReturnCode = last.ReturnCode,
            Message = last.Message,
            Restarts = 0,
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

    /// <summary>The best point found by moving one parameter on a bound into the interior or onto the bound; null when none is lower.</summary>
    internal static double[]? BoundaryProbe(Func<double[], double> f, double[] x, double fx, double[] lower, double[] upper, double tol)
    {
        double best = fx - Threshold(fx);
        double[]? bestPoint = null;
        var trial = new double[x.Length];
        void Try(int i, double value)
        {
            if (value == x[i] || value < lower[i] || value > upper[i]) return;
            x.CopyTo(trial, 0);
            trial[i] = value;
            double v = f(trial);
            if (v < best) { best = v; bestPoint = (double[])trial.Clone(); }
        }
        for (int i = 0; i < x.Length; i++)
        {
            if (OnLower(x, lower, i, tol))
            {
                Try(i, lower[i]);
                foreach (double d in ProbeOffsets) Try(i, lower[i] + d);
            }
            else if (OnUpper(x, upper, i, tol))
            {
                Try(i, upper[i]);
                foreach (double d in ProbeOffsets) Try(i, upper[i] - d);
            }
        }
        return bestPoint;
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

    /// <summary>
    /// The restart from the edge: a coarse scaled search (final radius 1e-3) from <paramref name="from"/>, refined by a
    /// full one only when it comes within 1e-6 relative of <paramref name="fx"/>.
    /// </summary>
    internal OptimizationResult EdgeSearch(Func<double[], double> f, double[] from, double fx, double[] lower, double[] upper, OptimizerSettings settings)
    {
        var coarse = ScaledSearch(f, from, lower, upper, settings with { FinalTrustRadius = Math.Max(1e-3, settings.FinalTrustRadius) });
        return coarse.Minimum < fx + 1e-6 * Math.Max(1, Math.Abs(fx)) ? ScaledSearch(f, coarse.Minimizer, lower, upper, settings) : coarse;
    }

    /// <summary>
    /// A restart in coordinates scaled by the magnitude of each parameter at <paramref name="from"/> (at least 1e-3),
    /// with an initial trust radius of 10% of that magnitude: a badly scaled problem (e.g. a slope on an uncentred
    /// covariate) becomes a well scaled one for the restart.
    /// </summary>
    private OptimizationResult ScaledSearch(Func<double[], double> f, double[] from, double[] lower, double[] upper, OptimizerSettings settings)
    {
        if (settings.FinalTrustRadius > 0.1) settings = settings with { FinalTrustRadius = 0.1 };
        int n = from.Length;
        var scale = from.Select(v => Math.Max(Math.Abs(v), 1e-3)).ToArray();
        var point = new double[n];
        double Scaled(double[] y)
        {
            for (int i = 0; i < n; i++) point[i] = Math.Clamp(y[i] * scale[i], lower[i], upper[i]);
            return f(point);
        }
        var y0 = from.Select((v, i) => v / scale[i]).ToArray();
        var lo = lower.Select((v, i) => v / scale[i]).ToArray();
        var hi = upper.Select((v, i) => v / scale[i]).ToArray();
        var restart = settings with { InitialTrustRadius = Math.Max(0.1, settings.FinalTrustRadius) };
        var r = _optimizer.Minimize(Scaled, y0, lo, hi, restart);
        return r with { Minimizer = r.Minimizer.Select((v, i) => Math.Clamp(v * scale[i], lower[i], upper[i])).ToArray() };
    }

    /// <summary>The central-difference gradient on interior parameters and one-sided differences into the interior on bounds.</summary>
    private static double[] FullGradient(Func<double[], double> f, double[] x, double fx, FiniteDifferenceDerivatives d,
        double[] lower, double[] upper, ref int evaluations)
    {
        var g = new double[x.Length];
        var onBound = Enumerable.Range(0, x.Length).Except(d.Variables);
        var trial = new double[x.Length];
        foreach (int i in onBound)
        {
            x.CopyTo(trial, 0);
            bool up = x[i] - lower[i] <= upper[i] - x[i];
            double h = FiniteDifferenceDerivatives.StepAt(x[i]);
            trial[i] = up ? x[i] + h : x[i] - h;
            evaluations++;
            g[i] = (up ? f(trial) - fx : fx - f(trial)) / h;
        }
        for (int j = 0; j < d.Variables.Length; j++) g[d.Variables[j]] = d.Gradient[j];
        return g;
    }
}
