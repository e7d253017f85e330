namespace MixedEffects.Optimization;

/// <summary>
/// The main iteration of BOBYQA (Powell 2009, sections 2 and 6) for n &gt;= 2 variables with 2n+1 interpolation
/// points or more (up to the (n+1)(n+2)/2 of a full quadratic model, <see cref="OptimizerSettings.InterpolationPoints"/>): alternating trust-region steps and model-improvement steps, the choice of the point
/// to drop, the radius updates and the reduction of rho from RHOBEG to RHOEND.
/// One instance serves one minimization; every buffer is allocated in the constructor.
/// <para>
/// RESCUE is simplified: when the interpolation system becomes numerically singular or a new point would make
/// the denominator tiny, the interpolation set is rebuilt around the best point with step rho (2n new
/// evaluations), instead of Powell's procedure that tries to reuse old points.
/// </para>
/// </summary>
internal sealed class BobyqaSolver
{
    private readonly int _n;
    private readonly double[] _lowerBounds, _upperBounds;
    private readonly OptimizerSettings _settings;
    private readonly CountedObjective _objective;
    private readonly InterpolationSet _set;
    private readonly TrustRegionStep _trustRegion;
    private readonly AlternativeStep _alternative;
    private readonly double[] _x, _trial;
    private readonly bool _fullModel;
    private int _lastRescue;

    public BobyqaSolver(CountedObjective objective, double[] lower, double[] upper, OptimizerSettings settings)
    {
        _n = lower.Length;
        _lowerBounds = lower;
        _upperBounds = upper;
        _settings = settings;
        _objective = objective;
        _set = new InterpolationSet(_n, settings.InterpolationPoints == 0 ? 0 : Math.Clamp(settings.InterpolationPoints, 2 * _n + 1, (_n + 1) * (_n + 2) / 2));
        _fullModel = _set.Npt == (_n + 1) * (_n + 2) / 2 && settings.ModelDecreaseTolerance > 0;
        _trustRegion = new TrustRegionStep(_n);
        _alternative = new AlternativeStep(_n);
        _x = new double[_n];
        _trial = new double[_n];
    }

    public OptimizationResult Run(double[] start, double rhobeg)
    {
        double rhoend = Math.Min(_settings.FinalTrustRadius, rhobeg);
        MoveStartAwayFromBounds(start, rhobeg);
        if (!Initialize(rhobeg, out var stop)) return stop!;
        double rho = rhobeg, delta = rho;
        int ntrits = 0, nfsav = _objective.Evaluations;
        double diffa = 0, diffb = 0, diffc = 0, ratio = 1, dnorm = 0;
        bool validated = false;
        while (true)
        {
            // Trust-region step (label 60 in Powell's description).
            ShiftBaseIfFar(delta);
            _trustRegion.Solve(_set, delta);
            double[] d = _trustRegion.Step;
            dnorm = Math.Min(delta, Norm(d));
            double vquad = PredictedChange(d);
            if (validated && -vquad <= ModelTolerance())
                return _objective.ToResult(OptimizationReturnCode.Converged,
                    $"the full quadratic model predicts a decrease below {ModelTolerance():G3}");
            bool evaluateStep = dnorm >= 0.5 * rho && vquad < 0;
            double distsq;
            if (!evaluateStep)
            {
                ntrits = -1;
                distsq = 100 * rho * rho;
                bool improveModel = _objective.Evaluations <= nfsav + 2 || !ShortStepAllowsRhoReduction(rho, diffa, diffb, diffc);
                if (!improveModel) distsq = double.PositiveInfinity; // skip the improvement search
            }
            else
            {
                ntrits++;
                double fopt = _set.FOpt;
                var outcome = EvaluateTrustRegionStep(delta, out double f, out bool rescued);
                if (outcome is not null) return outcome;
                if (rescued) { nfsav = _objective.Evaluations; continue; }
                diffc = diffb; diffb = diffa; diffa = Math.Abs(f - fopt - vquad);
                ratio = (fopt - f) / -vquad;
                validated = _fullModel && diffa <= 10 * ModelTolerance() && ratio >= 0.5 && ratio <= 2;
                delta = ratio <= 0.1 ? Math.Min(0.5 * delta, dnorm)
                      : ratio <= 0.7 ? Math.Max(0.5 * delta, dnorm)
                      : Math.Max(0.5 * delta, dnorm + dnorm);
                if (delta <= 1.5 * rho) delta = rho;
                if (f < fopt && fopt - f < _settings.AbsoluteFunctionTolerance)
                    return _objective.ToResult(OptimizationReturnCode.FunctionToleranceReached,
                        $"objective decreased by less than {_settings.AbsoluteFunctionTolerance:G3}");
                if (f <= fopt + 0.1 * vquad) continue;
                distsq = Math.Max(4 * delta * delta, 100 * rho * rho);
            }
            // Model improvement (label 650): replace the point farthest from the best one if it is too far.
            int knew = -1;
            double farthest = distsq;
            for (int k = 0; k < _set.Npt; k++)
            {
                double dk = _set.DistanceSquaredFromOpt(k);
                if (dk > farthest) { farthest = dk; knew = k; }
            }
            if (knew >= 0)
            {
                double dist = Math.Sqrt(farthest);
                if (ntrits == -1)
                {
                    delta = Math.Min(0.1 * delta, 0.5 * dist);
                    if (delta <= 1.5 * rho) delta = rho;
                }
                ntrits = 0;
                double adelt = Math.Max(Math.Min(0.1 * dist, delta), rho);
                ShiftBaseIfFar(adelt);
                var outcome = ImproveModel(knew, adelt, rho, out bool rescued);
                if (outcome is not null) return outcome;
                if (rescued) nfsav = _objective.Evaluations;
                continue;
            }
            if (ntrits != -1 && (ratio > 0 || Math.Max(delta, dnorm) > rho)) continue;
            // Reduce rho (label 680).
            if (rho > rhoend)
            {
                delta = 0.5 * rho;
                double r = rho / rhoend;
                rho = r <= 16 ? rhoend : r <= 250 ? Math.Sqrt(r) * rhoend : 0.1 * rho;
                delta = Math.Max(delta, rho);
                ntrits = 0;
                nfsav = _objective.Evaluations;
                continue;
            }
            if (ntrits == -1 && dnorm > 0 && !_objective.Exhausted)
            {
                // Powell evaluates the last (short) trust-region step before returning.
                Absolute(_trustRegion.XNew, _x);
                _objective.Evaluate(_x);
            }
            return _objective.ToResult(OptimizationReturnCode.Converged, $"trust-region radius reached {rhoend:G3}");
        }
    }

    /// <summary>
    /// <see cref="OptimizerSettings.ModelDecreaseTolerance"/> relative to the best value (0 when the rule is off): with a
    /// full quadratic model that predicted the last trust-region step, a predicted decrease below it ends the search.
    /// </summary>
    private double ModelTolerance() => _settings.ModelDecreaseTolerance * Math.Max(1, Math.Abs(_set.FOpt));

    /// <summary>Powell's test (label 650 branch) for a short step: are the model errors small enough to reduce rho?</summary>
    private bool ShortStepAllowsRhoReduction(double rho, double diffa, double diffb, double diffc)
    {
        double errbig = Math.Max(diffa, Math.Max(diffb, diffc));
        double frhosq = 0.125 * rho * rho;
        double crvmin = _trustRegion.CurvatureMin;
        if (crvmin > 0 && errbig > frhosq * crvmin) return false;
        double bdtol = errbig / rho;
        var xnew = _trustRegion.XNew;
        var g = _trustRegion.GradientAtNew;
        for (int j = 0; j < _n; j++)
        {
            double bdtest = bdtol;
            if (xnew[j] == _set.Lower[j]) bdtest = g[j];
            if (xnew[j] == _set.Upper[j]) bdtest = -g[j];
            if (bdtest < bdtol)
            {
                double curv = _set.Hessian[j * _n + j];
                if (bdtest + 0.5 * curv * rho < bdtol) return false;
            }
        }
        return true;
    }

    private OptimizationResult? EvaluateTrustRegionStep(double delta, out double f, out bool rescued)
    {
        rescued = false;
        f = double.NaN;
        double[] xnew = _trustRegion.XNew;
        // Choose the point to drop: largest denominator weighted by distance from the best point.
        double beta = _set.PrepareCandidate(xnew);
        double delsq = delta * delta, scaden = 0, biglsq = 0;
        int knew = -1;
        for (int k = 0; k < _set.Npt; k++)
        {
            double den = _set.Denominator(k, beta);
            double tau = _set.LagrangeValue(k);
            double dsq = _set.DistanceSquaredFromOpt(k);
            double weight = Math.Max(1.0, dsq / delsq * (dsq / delsq));
            biglsq = Math.Max(biglsq, weight * tau * tau);
            if (k == _set.KOpt) continue;
            if (weight * den > scaden) { scaden = weight * den; knew = k; }
        }
        if (knew < 0 || scaden <= 0.5 * biglsq && _objective.Evaluations > _lastRescue + _set.Npt)
        {
            rescued = true;
            return Rescue(delta);
        }
        var stop = EvaluateAt(xnew, out f);
        if (stop is not null) return stop;
        if (f < _set.FOpt)
        {
            // The new point becomes the best; the old best may now be replaced too.
            double den = _set.Denominator(_set.KOpt, beta);
            double dsq = _set.DistanceSquaredFromOpt(_set.KOpt);
            double weight = Math.Max(1.0, dsq / delsq * (dsq / delsq));
            if (weight * den > scaden) knew = _set.KOpt;
        }
        return Replace(knew, xnew, f, delta, ref rescued);
    }

    private OptimizationResult? ImproveModel(int knew, double adelt, double rho, out bool rescued)
    {
        rescued = false;
        if (!_alternative.Solve(_set, knew, adelt))
        {
            rescued = true;
            return Rescue(rho);
        }
        var stop = EvaluateAt(_alternative.XNew, out double f);
        if (stop is not null) return stop;
        return Replace(knew, _alternative.XNew, f, rho, ref rescued);
    }

    private OptimizationResult? Replace(int knew, double[] xnew, double f, double radius, ref bool rescued)
    {
        bool wasBest = knew == _set.KOpt;
        _set.SetPoint(knew, xnew, f);
        if (wasBest) _set.SelectBest();
        else _set.SetBestIfLower(knew);
        if (!_set.Factorize())
        {
            rescued = true;
            return Rescue(radius);
        }
        _set.UpdateModel();
        return null;
    }

    private OptimizationResult? EvaluateAt(ReadOnlySpan<double> y, out double f)
    {
        if (_objective.Exhausted)
        {
            f = double.NaN;
            return _objective.ToResult(OptimizationReturnCode.MaxEvaluationsReached,
                $"maximum number of evaluations ({_objective.MaxEvaluations}) reached");
        }
        Absolute(y, _x);
        f = _objective.Evaluate(_x);
        if (!double.IsFinite(f))
            return _objective.ToResult(OptimizationReturnCode.NonFiniteObjective, $"objective returned {f} at evaluation {_objective.Evaluations}");
        return null;
    }

    /// <summary>Simplified RESCUE: a fresh point set around the best point with the given step.</summary>
    private OptimizationResult? Rescue(double step)
    {
        Array.Copy(_objective.Best, _trial, _n);
        double radius = step;
        for (int i = 0; i < _n; i++) radius = Math.Min(radius, 0.5 * (_upperBounds[i] - _lowerBounds[i]));
        MoveStartAwayFromBounds(_trial, radius);
        // the best point is not evaluated again when it stays the base point
        bool unmoved = _trial.AsSpan().SequenceEqual(_objective.Best);
        return Initialize(radius, out var stop, unmoved ? _objective.BestValue : null) ? null : stop;
    }

    /// <summary>
    /// Powell's PRELIM: the base point and +-rhobeg along each axis (2 rhobeg on one side at a bound); with more than
    /// 2n+1 points, each further point moves along two axes at once, by the step of each axis whose value was lower.
    /// <paramref name="baseValue"/>, when given, is the objective at the base point (already evaluated).
    /// </summary>
    private bool Initialize(double rhobeg, out OptimizationResult? stop, double? baseValue = null)
    {
        Array.Copy(_trial, _set.XBase, _n);
        for (int j = 0; j < _n; j++)
        {
            _set.Lower[j] = _lowerBounds[j] - _set.XBase[j];
            _set.Upper[j] = _upperBounds[j] - _set.XBase[j];
        }
        stop = null;
        Span<double> y = stackalloc double[_n];
        for (int k = 0; k < _set.Npt; k++)
        {
            y.Clear();
            if (k > 2 * _n) PairStep(k - 2 * _n - 1, y);
            else if (k > 0)
            {
                int j = (k - 1) % _n;
                bool second = k > _n;
                double sl = _set.Lower[j], su = _set.Upper[j];
                double step = !second
                    ? (su == 0 ? -rhobeg : rhobeg)
                    : sl == 0 ? Math.Min(2 * rhobeg, su) : su == 0 ? Math.Max(-2 * rhobeg, sl) : -rhobeg;
                y[j] = step;
            }
            double f;
            if (k == 0 && baseValue is { } known) f = known;
            else
            {
                stop = EvaluateAt(y, out f);
                if (stop is not null) return false;
            }
            _set.SetPoint(k, y, f);
        }
        _set.SelectBest();
        _set.Factorize();
        // Starting from the zero model, the least-Frobenius-norm interpolant of these points is the quadratic with
        // the central differences of Powell's initial model (and, with more points, the mixed second differences).
        _set.ResetModel();
        _set.UpdateModel();
        _lastRescue = _objective.Evaluations;
        return true;
    }

    /// <summary>
    /// Point <paramref name="pair"/> beyond the first 2n+1 (Powell's order of the pairs of axes i &lt; j): the better
    /// of the two steps along axis i plus the better along axis j.
    /// </summary>
    private void PairStep(int pair, Span<double> y)
    {
        int gap = pair / _n + 1, i = pair % _n, j = i + gap;
        if (j >= _n) (i, j) = (j - _n, i);
        foreach (int axis in (ReadOnlySpan<int>)[i, j])
        {
            int first = axis + 1, second = axis + 1 + _n;
            int better = _set.Values[second] < _set.Values[first] ? second : first;
            y[axis] = _set.Point(better)[axis];
        }
    }

    /// <summary>Powell's adjustment of the start: a variable closer than rhobeg to a bound is put on it or rhobeg away.</summary>
    private void MoveStartAwayFromBounds(double[] start, double rhobeg)
    {
        for (int j = 0; j < _n; j++)
        {
            double x = start[j], xl = _lowerBounds[j], xu = _upperBounds[j];
            if (xl - x >= -rhobeg) x = xl - x >= 0 ? xl : xl + rhobeg;
            else if (xu - x <= rhobeg) x = xu - x <= 0 ? xu : xu - rhobeg;
            _trial[j] = x;
        }
    }

    private void ShiftBaseIfFar(double delta)
    {
        var xopt = _set.XOpt;
        double s = 0;
        for (int j = 0; j < _n; j++) s += xopt[j] * xopt[j];
        if (s >= 1e3 * delta * delta) _set.ShiftBaseToOpt(_lowerBounds, _upperBounds);
    }

    private double PredictedChange(double[] d)
    {
        var xopt = _set.XOpt;
        Span<double> xn = stackalloc double[_n];
        for (int j = 0; j < _n; j++) xn[j] = xopt[j] + d[j];
        return _set.ModelValue(xn) - _set.ModelValue(xopt);
    }

    private void Absolute(ReadOnlySpan<double> y, double[] x)
    {
        for (int j = 0; j < _n; j++)
        {
            double v = _set.XBase[j] + y[j];
            if (y[j] <= _set.Lower[j]) v = _lowerBounds[j];
            else if (y[j] >= _set.Upper[j]) v = _upperBounds[j];
            x[j] = Math.Min(Math.Max(v, _lowerBounds[j]), _upperBounds[j]);
        }
    }

    private static double Norm(double[] d)
    {
        double s = 0;
        foreach (double v in d) s += v * v;
        return Math.Sqrt(s);
    }
}
