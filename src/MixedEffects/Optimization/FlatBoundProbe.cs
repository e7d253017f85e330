namespace MixedEffects.Optimization;

/// <summary>
/// The second-order check of <see cref="LimitedMemoryBfgsB"/> for variables on a bound where the derivative is zero.
/// A criterion even in a variable (the profiled deviance in the last diagonal element of a relative covariance
/// factor, or in a scalar term's factor) has a zero derivative at the bound 0 whatever its curvature: the projected
/// gradient cannot tell a minimum on the bound from a saddle, and a quasi-Newton search that has reached the bound
/// never leaves it. Before the search stops, each such variable is moved back halfway to where it last came from (or
/// 0.1 into the interior when it never moved) and evaluated once; a lower value moves the iterate there and the
/// search continues with its quasi-Newton matrix, updated by the probe's pair either way. A variable is probed once
/// per arrival on its bound, and not when it arrived from closer than 1e-4 (it came to the bound gradually).
/// The search probes as soon as it is near the minimum on its current face (projected gradient below 1e-3 max(1, |f|)),
/// and before it stops the variables not yet probed. Owned by one minimization.
/// </summary>
internal sealed class FlatBoundProbe
{
    private const double DefaultOffset = 0.1;

    /// <summary>A probe closer to the bound than this is not made: the variable came to its bound gradually.</summary>
    private const double MinimumOffset = 1e-4;
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double[] _cameFrom;
    private readonly bool[] _probed;

    /// <summary>A probe for a search starting at <paramref name="start"/> within the bounds.</summary>
    public FlatBoundProbe(double[] start, double[] lower, double[] upper)
    {
        _lower = lower;
        _upper = upper;
        _cameFrom = new double[start.Length];
        Array.Fill(_cameFrom, double.NaN);
        _probed = new bool[start.Length];
    }

    /// <summary>Records a step from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public void Moved(double[] from, double[] to)
    {
        for (int i = 0; i < from.Length; i++)
        {
            if (from[i] == to[i]) continue;
            _probed[i] = false;
            _cameFrom[i] = OnBound(to, i) ? from[i] : double.NaN;
        }
    }

    /// <summary>
    /// Probes every unprobed variable on a bound whose derivative is at most <paramref name="flat"/> in magnitude;
    /// returns true when one probe was lower (<paramref name="x"/>, <paramref name="g"/> and <paramref name="f"/> then
    /// hold the new iterate).
    /// </summary>
    public bool Leave(Func<double[], double[], double> evaluate, double[] x, double[] g, ref double f, LimitedMemoryMatrix memory, double flat)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            if (_probed[i] || !OnBound(x, i) || Math.Abs(g[i]) > flat) continue;
            _probed[i] = true;
            var point = (double[])x.Clone();
            double inward = x[i] == _lower[i] ? 1 : -1;
            point[i] = double.IsFinite(_cameFrom[i]) ? 0.5 * (x[i] + _cameFrom[i]) : x[i] + inward * DefaultOffset * Math.Max(1, Math.Abs(x[i]));
            point[i] = Math.Clamp(point[i], _lower[i], _upper[i]);
            if (Math.Abs(point[i] - x[i]) < MinimumOffset) continue;
            var gradient = new double[n];
            double value = evaluate(point, gradient);
            if (!double.IsFinite(value) || gradient.Any(v => !double.IsFinite(v))) continue;
            memory.Add(point.Select((v, j) => v - x[j]).ToArray(), gradient.Select((v, j) => v - g[j]).ToArray());
            if (!(value < f)) continue;
            Moved(x, point);
            point.CopyTo(x, 0);
            gradient.CopyTo(g, 0);
            f = value;
            return true;
        }
        return false;
    }

    private bool OnBound(double[] x, int i) => x[i] == _lower[i] || x[i] == _upper[i];
}
