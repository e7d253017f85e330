namespace MixedEffects.Optimization;

/// <summary>
/// <see cref="PersistentMinimizer"/>'s local search without derivatives (BOBYQA, Nelder-Mead): restarts and the edge
/// search run the same optimizer; the Newton probe and the final check use central finite differences of the
/// objective (lme4's <c>deriv12</c>).
/// </summary>
internal sealed class DerivativeFreeSearch(IBoundedOptimizer optimizer, Func<double[], double> objective, double[] lower, double[] upper,
    OptimizerSettings settings, ConvergenceSettings convergence) : ILocalSearch
{
    private int _evaluations, _checkEvaluations;

    public int Evaluations => _evaluations;

    public int GradientEvaluations => 0;

    public int CheckEvaluations => _checkEvaluations;

    public double Value(double[] x)
    {
        _evaluations++;
        return objective(x);
    }

    public OptimizationResult First(double[] start) => optimizer.Minimize(Value, start, lower, upper, settings);

    public OptimizationResult Restart(double[] from) => Scaled(optimizer, Value, from, lower, upper, settings);

    public OptimizationResult Edge(double[] from, double fx) => EdgeSearch(optimizer, Value, from, fx, lower, upper, settings);

    public FiniteDifferenceDerivatives? Derivatives(double[] x, double fx, int[] interior)
    {
        if (!convergence.CheckDerivatives) return null;
        var d = FiniteDifferenceDerivatives.Compute(objective, x, fx, interior);
        _checkEvaluations += d.Evaluations;
        return d;
    }

    public bool RestartHere(double[] x) => false;

    public void Accepted(OptimizationResult result)
    {
    }

    public (double[] Gradient, double MaxScaled, string? Warning) Check(double[] x, double fx, FiniteDifferenceDerivatives? derivatives, int[] interior)
    {
        if (derivatives is null && convergence.CheckDerivatives && double.IsFinite(fx)) derivatives = Derivatives(x, fx, interior);
        if (derivatives is null) return ([], double.NaN, null);
        var gradient = FullGradient(x, fx, derivatives);
        var scaled = derivatives.ScaledGradient();
        if (scaled.Length == 0) return (gradient, double.NaN, null);
        double maxScaled = scaled.Max(Math.Abs);
        double predicted = derivatives.PredictedDecrease();
        if (!(maxScaled > convergence.GradientTolerance) || predicted <= convergence.DecreaseTolerance) return (gradient, maxScaled, null);
        int component = derivatives.Variables[Array.FindIndex(scaled, v => Math.Abs(v) == maxScaled)] + 1;
        return (gradient, maxScaled, $"Model failed to converge with max|grad| = {maxScaled:G4} (tol = {convergence.GradientTolerance:G4}, component {component})");
    }

    /// <summary>
    /// The restart from the edge: a coarse scaled search (final radius 1e-3) from <paramref name="from"/>, refined by a
    /// full one only when it comes within 1e-6 relative of <paramref name="fx"/>.
    /// </summary>
    internal static OptimizationResult EdgeSearch(IBoundedOptimizer optimizer, Func<double[], double> f, double[] from, double fx,
        double[] lower, double[] upper, OptimizerSettings settings)
    {
        var coarse = Scaled(optimizer, f, from, lower, upper, settings with { FinalTrustRadius = Math.Max(1e-3, settings.FinalTrustRadius) });
        return coarse.Minimum < fx + 1e-6 * Math.Max(1, Math.Abs(fx)) ? Scaled(optimizer, f, coarse.Minimizer, lower, upper, settings) : coarse;
    }

    /// <summary>
    /// A search in coordinates scaled by the magnitude of each parameter at <paramref name="from"/> (at least 1e-3),
    /// with an initial trust radius of 10% of that magnitude: a badly scaled problem (e.g. a slope on an uncentred
    /// covariate) becomes a well scaled one for the restart.
    /// </summary>
    private static OptimizationResult Scaled(IBoundedOptimizer optimizer, Func<double[], double> f, double[] from, double[] lower, double[] upper,
        OptimizerSettings settings)
    {
        if (settings.FinalTrustRadius > 0.1) settings = settings with { FinalTrustRadius = 0.1 };
        int n = from.Length;
        var scale = from.Select(v => Math.Max(Math.Abs(v), 1e-3)).ToArray();
        var point = new double[n];
        double ScaledObjective(double[] y)
        {
            for (int i = 0; i < n; i++) point[i] = Math.Clamp(y[i] * scale[i], lower[i], upper[i]);
            return f(point);
        }
        var y0 = from.Select((v, i) => v / scale[i]).ToArray();
        var lo = lower.Select((v, i) => v / scale[i]).ToArray();
        var hi = upper.Select((v, i) => v / scale[i]).ToArray();
        var restart = settings with { InitialTrustRadius = Math.Max(0.1, settings.FinalTrustRadius) };
        var r = optimizer.Minimize(ScaledObjective, y0, lo, hi, restart);
        return r with { Minimizer = r.Minimizer.Select((v, i) => Math.Clamp(v * scale[i], lower[i], upper[i])).ToArray() };
    }

    /// <summary>The central-difference gradient on interior parameters and one-sided differences into the interior on bounds.</summary>
    private double[] FullGradient(double[] x, double fx, FiniteDifferenceDerivatives d)
    {
        var g = new double[x.Length];
        var trial = new double[x.Length];
        foreach (int i in Enumerable.Range(0, x.Length).Except(d.Variables))
        {
            x.CopyTo(trial, 0);
            bool up = x[i] - lower[i] <= upper[i] - x[i];
            double h = FiniteDifferenceDerivatives.StepAt(x[i]);
            trial[i] = up ? x[i] + h : x[i] - h;
            _checkEvaluations++;
            g[i] = (up ? objective(trial) - fx : fx - objective(trial)) / h;
        }
        for (int j = 0; j < d.Variables.Length; j++) g[d.Variables[j]] = d.Gradient[j];
        return g;
    }
}
