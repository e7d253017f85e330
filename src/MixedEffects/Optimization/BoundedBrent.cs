namespace MixedEffects.Optimization;

/// <summary>
/// Minimization of a function of one bounded variable, used by <see cref="Bobyqa"/> when n = 1.
/// <list type="number">
/// <item>Bracketing: from the start, steps of the initial radius downhill, doubling each time and clipped at the
/// bounds, until the function rises (or a bound is reached).</item>
/// <item>If the lowest value is on a bound, the function is evaluated one tolerance inside it; if that is not lower,
/// the bound is the answer (singular fits end exactly on 0).</item>
/// <item>Otherwise Brent's method (R.P. Brent, Algorithms for Minimization without Derivatives, 1973, ch. 5:
/// golden section safeguarding successive parabolic interpolation) inside the bracket, starting from its best
/// point, with tolerance sqrt(machine epsilon)|x| + <see cref="OptimizerSettings.FinalTrustRadius"/>/3.</item>
/// </list>
/// </summary>
internal sealed class BoundedBrent
{
    private const double Golden = 0.3819660112501051; // (3 - sqrt 5) / 2
    private const double SqrtEpsilon = 1.4901161193847656e-08; // sqrt(2^-52)

    private readonly CountedObjective _objective;
    private readonly double _lower, _upper, _absoluteTolerance;
    private readonly double[] _point = new double[1];

    public BoundedBrent(CountedObjective objective, double lower, double upper, OptimizerSettings settings)
    {
        _objective = objective;
        _lower = lower;
        _upper = upper;
        _absoluteTolerance = settings.FinalTrustRadius / 3;
    }

    public OptimizationResult Run(double start, double step)
    {
        try
        {
            double fStart = F(start);
            double a = start, fa = fStart;
            double b = start + step <= _upper ? start + step : start - step;
            double fb = F(b);
            if (fb > fa)
            {
                double other = Math.Clamp(2 * start - b, _lower, _upper);
                if (other == start) return Finish(Math.Min(start, b), Math.Max(start, b), start, fStart);
                double fo = F(other);
                if (fo >= fa) return Finish(Math.Min(other, b), Math.Max(other, b), start, fStart);
                b = other; fb = fo;
            }
            // Downhill from a to b until the function rises or a bound stops the search.
            double width = Math.Abs(b - a);
            while (true)
            {
                double dir = Math.Sign(b - a);
                width *= 2;
                double next = Math.Clamp(b + dir * width, _lower, _upper);
                if (next == b) return Finish(Math.Min(a, b), Math.Max(a, b), b, fb);
                double fn = F(next);
                if (fn >= fb) return Finish(Math.Min(a, next), Math.Max(a, next), b, fb);
                a = b; fa = fb; b = next; fb = fn;
            }
        }
        catch (StopException stop)
        {
            return stop.Result;
        }
    }

    private OptimizationResult Finish(double a, double b, double x, double fx)
    {
        if (x == _lower || x == _upper)
        {
            double inside = x == _lower ? x + Tolerance(x) : x - Tolerance(x);
            if (inside > a && inside < b)
            {
                double fi = F(inside);
                if (fi >= fx) return Converged();
                x = inside; fx = fi;
            }
        }
        x = Brent(a, b, x, fx);
        // A minimum within the tolerance of a bound is moved onto it if that is no worse.
        if (!double.IsInfinity(_lower) && x - _lower <= 2 * Tolerance(x) && x != _lower) F(_lower);
        if (!double.IsInfinity(_upper) && _upper - x <= 2 * Tolerance(x) && x != _upper) F(_upper);
        return Converged();
    }

    private OptimizationResult Converged() =>
        _objective.ToResult(OptimizationReturnCode.Converged, $"bracket reduced to tolerance {_absoluteTolerance * 3:G3}");

    private double Tolerance(double x) => SqrtEpsilon * Math.Abs(x) + _absoluteTolerance;

    /// <summary>Brent's localmin on [a, b] from the known point x with value fx; returns the best abscissa.</summary>
    private double Brent(double a, double b, double x, double fx)
    {
        double w = x, v = x, fw = fx, fv = fx, d = 0, e = 0;
        while (true)
        {
            double m = 0.5 * (a + b), tol = Tolerance(x), t2 = 2 * tol;
            if (Math.Abs(x - m) <= t2 - 0.5 * (b - a)) return x;
            double p = 0, q = 0, r = 0;
            if (Math.Abs(e) > tol)
            {
                r = (x - w) * (fx - fv);
                q = (x - v) * (fx - fw);
                p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p; else q = -q;
                r = e;
                e = d;
            }
            if (Math.Abs(p) < Math.Abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x))
            {
                d = p / q;
                double trial = x + d;
                if (trial - a < t2 || b - trial < t2) d = x < m ? tol : -tol;
            }
            else
            {
                e = (x < m ? b : a) - x;
                d = Golden * e;
            }
            double u = x + (Math.Abs(d) >= tol ? d : d > 0 ? tol : -tol);
            double fu = F(u);
            if (fu <= fx)
            {
                if (u < x) b = x; else a = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
    }

    private double F(double x)
    {
        if (_objective.Exhausted)
            throw new StopException(_objective.ToResult(OptimizationReturnCode.MaxEvaluationsReached,
                $"maximum number of evaluations ({_objective.MaxEvaluations}) reached"));
        _point[0] = x;
        double f = _objective.Evaluate(_point);
        if (!double.IsFinite(f))
            throw new StopException(_objective.ToResult(OptimizationReturnCode.NonFiniteObjective,
                $"objective returned {f} at evaluation {_objective.Evaluations}"));
        return f;
    }

    private sealed class StopException(OptimizationResult result) : Exception
    {
        public OptimizationResult Result { get; } = result;
    }
}
