namespace MixedEffects.Optimization;

/// <summary>
/// <see cref="PersistentMinimizer"/>'s local search with the analytic gradient: <see cref="LimitedMemoryBfgsB"/> for the
/// first search and the restarts, a restart from the end when its projected gradient is above
/// <see cref="RestartGradient"/>, the Hessian for the Newton probe by central differences of the gradient (up to
/// <see cref="ConvergenceSettings.EdgeRestartMaxParameters"/> parameters), and lme4's final check from the analytic
/// gradient: max(min(|solve(chol(H), g)|, |g|)) over the interior parameters, which passes without a Hessian when the
/// gradient is below the tolerance. The edge search is derivative-free (BOBYQA): a quasi-Newton search from the edge
/// tends to return to the same corner, where the criterion is stationary in the variances on their bound.
/// </summary>
internal sealed class GradientSearch(LimitedMemoryBfgsB search, Func<double[], double[], double> valueAndGradient, Func<double[], double> value,
    double[] lower, double[] upper, ConvergenceSettings convergence) : ILocalSearch
{
    /// <summary>Projected-gradient size above which a finished search is restarted from its end.</summary>
    public const double RestartGradient = 1e-3;

    private readonly double[] _gradient = new double[lower.Length];
    private double[]? _gradientAt;
    private double _valueAt = double.NaN;
    private int _evaluations, _gradientEvaluations, _checkEvaluations;

    public int Evaluations => _evaluations;

    public int GradientEvaluations => _gradientEvaluations;

    public int CheckEvaluations => _checkEvaluations;

    public double Value(double[] x)
    {
        _evaluations++;
        return value(x);
    }

    private double ValueAndGradient(double[] x, double[] g)
    {
        _gradientEvaluations++;
        return valueAndGradient(x, g);
    }

    public OptimizationResult First(double[] start) => Counted(search.Minimize(ValueAndGradient, start, lower, upper));

    /// <summary>
    /// The search in coordinates scaled by the magnitude of each parameter at <paramref name="from"/> (at least 1e-3):
    /// a badly scaled problem (a slope on an uncentred covariate) becomes a well scaled one for the quasi-Newton matrix.
    /// </summary>
    public OptimizationResult Restart(double[] from)
    {
        int n = from.Length;
        var scale = from.Select(v => Math.Max(Math.Abs(v), 1e-3)).ToArray();
        var point = new double[n];
        var y0 = from.Select((v, i) => v / scale[i]).ToArray();
        int served = 0;
        double Scaled(double[] y, double[] g)
        {
            bool atStart = y.AsSpan().SequenceEqual(y0);
            for (int i = 0; i < n; i++) point[i] = atStart ? from[i] : Math.Clamp(y[i] * scale[i], lower[i], upper[i]);
            // a restart from the point whose value and gradient are known (the end of the last search) starts from them
            double f = atStart && Known(point) ? Served(g) : ValueAndGradient(point, g);
            for (int i = 0; i < n; i++) g[i] *= scale[i];
            return f;
        }
        double Served(double[] g)
        {
            served++;
            _gradient.CopyTo(g, 0);
            return _valueAt;
        }
        var lo = lower.Select((v, i) => v / scale[i]).ToArray();
        var hi = upper.Select((v, i) => v / scale[i]).ToArray();
        var r = search.Minimize(Scaled, y0, lo, hi);
        _evaluations -= served;
        return Counted(r with
        {
            Minimizer = r.Minimizer.Select((v, i) => Math.Clamp(v * scale[i], lower[i], upper[i])).ToArray(),
            Gradient = r.Gradient?.Select((v, i) => v / scale[i]).ToArray(),
        });
    }

    public OptimizationResult Edge(double[] from, double fx) =>
        DerivativeFreeSearch.EdgeSearch(new Bobyqa(), Value, from, fx, lower, upper, OptimizerSettings.Default);

    public FiniteDifferenceDerivatives? Derivatives(double[] x, double fx, int[] interior)
    {
        if (!convergence.CheckDerivatives || x.Length > convergence.EdgeRestartMaxParameters) return null;
        return FromGradients(x, interior);
    }

    public bool RestartHere(double[] x) => LimitedMemoryBfgsB.ProjectedGradientNorm(x, GradientAt(x), lower, upper) > RestartGradient;

    public void Accepted(OptimizationResult result)
    {
        if (result.Gradient is null) return;
        result.Gradient.CopyTo(_gradient, 0);
        _gradientAt = (double[])result.Minimizer.Clone();
        _valueAt = result.Minimum;
    }

    /// <summary>Whether the value and gradient at <paramref name="point"/> are known (the last point whose gradient was kept).</summary>
    private bool Known(double[] point) => _gradientAt is not null && _gradientAt.AsSpan().SequenceEqual(point) && double.IsFinite(_valueAt);

    public (double[] Gradient, double MaxScaled, string? Warning) Check(double[] x, double fx, FiniteDifferenceDerivatives? derivatives, int[] interior)
    {
        if (!convergence.CheckDerivatives || !double.IsFinite(fx)) return ([], double.NaN, null);
        var gradient = (double[])GradientAt(x).Clone();
        double maxScaled = interior.Length == 0 ? 0 : interior.Max(i => Math.Abs(gradient[i]));
        if (interior.Length == 0 || (maxScaled <= convergence.GradientTolerance && derivatives is null)) return (gradient, maxScaled, null);
        if (derivatives is null || !derivatives.Variables.SequenceEqual(interior)) derivatives = FromGradients(x, interior);
        var scaled = derivatives.ScaledGradient();
        maxScaled = scaled.Select((v, j) => Math.Min(Math.Abs(v), Math.Abs(derivatives.Gradient[j]))).Max();
        double predicted = derivatives.PredictedDecrease();
        if (!(maxScaled > convergence.GradientTolerance) || predicted <= convergence.DecreaseTolerance) return (gradient, maxScaled, null);
        int component = derivatives.Variables[Array.FindIndex(scaled, v => Math.Abs(v) == scaled.Max(Math.Abs))] + 1;
        return (gradient, maxScaled, $"Model failed to converge with max|grad| = {maxScaled:G4} (tol = {convergence.GradientTolerance:G4}, component {component})");
    }

    private OptimizationResult Counted(OptimizationResult result)
    {
        _evaluations += result.Evaluations;
        return result;
    }

    private FiniteDifferenceDerivatives FromGradients(double[] x, int[] interior)
    {
        var d = FiniteDifferenceDerivatives.FromGradients(ValueAndGradient, x, GradientAt(x), interior);
        _checkEvaluations += d.Evaluations;
        return d;
    }

    /// <summary>The gradient at <paramref name="point"/>, evaluated unless it is the last one known.</summary>
    private double[] GradientAt(double[] point)
    {
        if (_gradientAt is null || !_gradientAt.AsSpan().SequenceEqual(point))
        {
            _evaluations++;
            _valueAt = ValueAndGradient((double[])point.Clone(), _gradient);
            _gradientAt = (double[])point.Clone();
        }
        return _gradient;
    }
}
