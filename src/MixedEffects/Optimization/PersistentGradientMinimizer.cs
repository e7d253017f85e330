namespace MixedEffects.Optimization;

/// <summary>
/// <see cref="PersistentMinimizer"/>'s checks for an objective with an analytic gradient, searched with
/// <see cref="LimitedMemoryBfgsB"/>; every check uses the gradient instead of finite differences of the objective:
/// <list type="number">
/// <item>the boundary probe of <see cref="PersistentMinimizer"/> (a few evaluations per parameter on a bound);</item>
/// <item>a gradient check: when the projected gradient at the end is above <see cref="RestartGradient"/> the search
/// restarts there with a fresh quasi-Newton matrix;</item>
/// <item>the restart from the edge (once, for an optimum on a bound, for at most
/// <see cref="ConvergenceSettings.EdgeRestartMaxParameters"/> parameters), kept only when lower. It is
/// <see cref="PersistentMinimizer"/>'s derivative-free edge search (BOBYQA): a quasi-Newton search from the edge
/// tends to return to the same corner, where the criterion is stationary in the variances on their bound;</item>
/// <item>the final check: lme4's criterion max(min(|solve(chol(H), g)|, |g|)) over the interior parameters. When the
/// analytic gradient is below the tolerance it passes without a Hessian; otherwise H comes from central differences
/// of the gradient (2 gradient evaluations per interior parameter), a Newton step is tried, and a failure is reported
/// unless the predicted decrease g'H^-1 g / 2 is negligible.</item>
/// </list>
/// </summary>
public sealed class PersistentGradientMinimizer
{
    /// <summary>Projected-gradient size above which a finished search is restarted from its end (default 1e-3).</summary>
    public double RestartGradient { get; init; } = 1e-3;

    /// <summary>The quasi-Newton search used for the first search and every restart.</summary>
    public LimitedMemoryBfgsB Search { get; init; } = new() { Memory = 20, GradientTolerance = 1e-8, RelativeFunctionTolerance = 1e-13 };

    /// <summary>
    /// Minimizes the objective within the bounds. <paramref name="valueAndGradient"/> returns f(x) and fills the
    /// gradient; <paramref name="value"/> returns f(x) alone (for probes). Neither may keep its arrays.
    /// </summary>
    public OptimizerSummary Minimize(Func<double[], double[], double> valueAndGradient, Func<double[], double> value, double[] start,
        double[] lower, double[] upper, ConvergenceSettings convergence, string name)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(convergence);
        int evaluations = 0, gradientEvaluations = 0, checkEvaluations = 0;
        double F(double[] x) { evaluations++; return value(x); }
        double FG(double[] x, double[] g) { gradientEvaluations++; return valueAndGradient(x, g); }
        OptimizationResult Run(double[] from, bool scaled)
        {
            var r = scaled ? ScaledSearch(FG, from, lower, upper) : Search.Minimize(FG, from, lower, upper);
            evaluations += r.Evaluations;
            return r;
        }

        var first = Run(start, false);
        var last = first;
        double[] x = last.Minimizer;
        double fx = last.Minimum;
        double tol = convergence.BoundaryTolerance;
        int restarts = 0, probeRestarts = 0;
        bool edgeTried = false, descentLeft = false;
        FiniteDifferenceDerivatives? derivatives = null;
        var gradient = new double[x.Length];
        double[]? gradientAt = null;
        double[] GradientAt(double[] point)
        {
            if (gradientAt is null || !gradientAt.AsSpan().SequenceEqual(point))
            {
                evaluations++;
                FG((double[])point.Clone(), gradient);
                gradientAt = (double[])point.Clone();
            }
            return gradient;
        }
        while (double.IsFinite(fx))
        {
            var next = PersistentMinimizer.BoundaryProbe(F, x, fx, lower, upper, tol);
            derivatives = null;
            if (next is null && x.Length <= convergence.EdgeRestartMaxParameters && convergence.CheckDerivatives)
            {
                derivatives = FiniteDifferenceDerivatives.FromGradients(FG, x, GradientAt(x), PersistentMinimizer.Interior(x, lower, upper, tol));
                checkEvaluations += derivatives.Evaluations;
                next = PersistentMinimizer.NewtonProbe(F, x, fx, derivatives, lower, upper);
            }
            if (next is null && LimitedMemoryBfgsB.ProjectedGradientNorm(x, GradientAt(x), lower, upper) > RestartGradient) next = x;
            bool edge = false;
            if (next is null && !edgeTried && convergence.CheckDerivatives && x.Length <= convergence.EdgeRestartMaxParameters)
            {
                edgeTried = true;
                next = PersistentMinimizer.EdgeStart(x, first.InitialPoint, lower, upper, tol);
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
            var result = edge ? EdgeSearch(F, next, fx, lower, upper) : Run(next, true);
            bool lower1 = result.Minimum < fx - PersistentMinimizer.Threshold(fx);
            if (result.Minimum < fx)
            {
                derivatives = null;
                last = result;
                x = result.Minimizer;
                fx = result.Minimum;
            }
            if (!lower1) break;
        }

        var warnings = new List<string>();
        if (last.ReturnCode == OptimizationReturnCode.MaxEvaluationsReached)
            warnings.Add($"maximum number of function evaluations exceeded ({evaluations})");
        double[] finalGradient = [];
        double maxScaled = double.NaN;
        if (convergence.CheckDerivatives && double.IsFinite(fx))
        {
            finalGradient = (double[])GradientAt(x).Clone();
            var interior = PersistentMinimizer.Interior(x, lower, upper, tol);
            maxScaled = interior.Length == 0 ? 0 : interior.Max(i => Math.Abs(finalGradient[i]));
            if (interior.Length > 0 && (maxScaled > convergence.GradientTolerance || derivatives is not null))
            {
                if (derivatives is null || !derivatives.Variables.SequenceEqual(interior))
                {
                    derivatives = FiniteDifferenceDerivatives.FromGradients(FG, x, finalGradient, interior);
                    checkEvaluations += derivatives.Evaluations;
                }
                var scaled = derivatives.ScaledGradient();
                maxScaled = scaled.Select((v, j) => Math.Min(Math.Abs(v), Math.Abs(derivatives.Gradient[j]))).Max();
                double predicted = derivatives.PredictedDecrease();
                if (maxScaled > convergence.GradientTolerance && !(predicted <= convergence.DecreaseTolerance))
                {
                    int component = derivatives.Variables[Array.FindIndex(scaled, v => Math.Abs(v) == scaled.Max(Math.Abs))] + 1;
                    warnings.Add($"Model failed to converge with max|grad| = {maxScaled:G4} (tol = {convergence.GradientTolerance:G4}, component {component})");
                }
            }
        }
        return PersistentMinimizer.Summary(name, first, last, x, fx, finalGradient, maxScaled, warnings, descentLeft, probeRestarts) with
        {
            Evaluations = evaluations,
            GradientEvaluations = gradientEvaluations,
            CheckEvaluations = checkEvaluations,
            Restarts = restarts,
        };
    }

    /// <summary>The derivative-free restart from the edge (see the class summary).</summary>
    private static OptimizationResult EdgeSearch(Func<double[], double> f, double[] from, double fx, double[] lower, double[] upper) =>
        new PersistentMinimizer(new Bobyqa(), "bobyqa").EdgeSearch(f, from, fx, lower, upper, OptimizerSettings.Default);

    /// <summary>
    /// The search in coordinates scaled by the magnitude of each parameter at <paramref name="from"/> (at least 1e-3):
    /// a badly scaled problem (a slope on an uncentred covariate) becomes a well scaled one for the quasi-Newton matrix.
    /// </summary>
    private OptimizationResult ScaledSearch(Func<double[], double[], double> valueAndGradient, double[] from, double[] lower, double[] upper)
    {
        int n = from.Length;
        var scale = from.Select(v => Math.Max(Math.Abs(v), 1e-3)).ToArray();
        var point = new double[n];
        double Scaled(double[] y, double[] g)
        {
            for (int i = 0; i < n; i++) point[i] = Math.Clamp(y[i] * scale[i], lower[i], upper[i]);
            double f = valueAndGradient(point, g);
            for (int i = 0; i < n; i++) g[i] *= scale[i];
            return f;
        }
        var y0 = from.Select((v, i) => v / scale[i]).ToArray();
        var lo = lower.Select((v, i) => v / scale[i]).ToArray();
        var hi = upper.Select((v, i) => v / scale[i]).ToArray();
        var r = Search.Minimize(Scaled, y0, lo, hi);
        return r with { Minimizer = r.Minimizer.Select((v, i) => Math.Clamp(v * scale[i], lower[i], upper[i])).ToArray() };
    }
}
