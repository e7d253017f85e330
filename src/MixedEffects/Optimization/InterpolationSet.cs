namespace MixedEffects.Optimization;

/// <summary>
/// BOBYQA's interpolation set and quadratic model (Powell 2009, sections 2 and 4).
/// Points are stored relative to a base point <see cref="XBase"/>; the model is
/// Q(y) = c + g'y + y'Hy/2 in the same shifted coordinates.
/// <para>
/// Powell updates the inverse H of the interpolation (KKT) matrix W with an O(m^2) formula and keeps its
/// Omega part in factored form. Here W is rebuilt and inverted directly after every change of the set,
/// in coordinates centred at the best point and scaled by the largest distance from it, which costs
/// O(m^3) with m = npt + n + 1 (a few microseconds for the small n of mixed models) and cannot drift.
/// The model change is then the minimum-Frobenius-norm correction of Powell's method, computed from
/// the residuals f_k - Q(y_k) of all points. Denominators sigma = alpha beta + tau^2, Lagrange values
/// and Lagrange gradients are read from the same inverse.
/// </para>
/// All arrays are allocated once and reused for the whole minimization.
/// </summary>
internal sealed class InterpolationSet
{
    private readonly double[] _kkt;     // m x m, becomes the inverse H
    private readonly double[] _work;    // m x m scratch for the inversion
    private readonly int[] _pivots;
    private readonly double[] _wVector, _hw, _residual, _coefficients, _z;
    private double _scale = 1.0;

    /// <summary>A set of <paramref name="npt"/> points in <paramref name="n"/> variables (2n+1 when 0; at most (n+1)(n+2)/2).</summary>
    public InterpolationSet(int n, int npt = 0)
    {
        N = n;
        Npt = npt == 0 ? 2 * n + 1 : npt;
        M = Npt + n + 1;
        XBase = new double[n];
        Points = new double[Npt * n];
        Values = new double[Npt];
        Gradient = new double[n];
        Hessian = new double[n * n];
        Lower = new double[n];
        Upper = new double[n];
        _kkt = new double[M * M];
        _work = new double[M * M];
        _pivots = new int[M];
        _wVector = new double[M];
        _hw = new double[M];
        _residual = new double[M];
        _coefficients = new double[M];
        _z = new double[n];
    }

    public int N { get; }
    public int Npt { get; }
    public int M { get; }
    public double[] XBase { get; }
    /// <summary>Point k occupies entries [k*N, k*N + N), relative to <see cref="XBase"/>.</summary>
    public double[] Points { get; }
    public double[] Values { get; }
    public int KOpt { get; private set; }
    public double ModelConstant { get; private set; }
    public double[] Gradient { get; }
    public double[] Hessian { get; }
    /// <summary>Lower bounds minus <see cref="XBase"/> (Powell's SL).</summary>
    public double[] Lower { get; }
    /// <summary>Upper bounds minus <see cref="XBase"/> (Powell's SU).</summary>
    public double[] Upper { get; }
    public double FOpt => Values[KOpt];
    public ReadOnlySpan<double> Point(int k) => Points.AsSpan(k * N, N);
    public ReadOnlySpan<double> XOpt => Point(KOpt);

    public void SetPoint(int k, ReadOnlySpan<double> y, double f)
    {
        y.CopyTo(Points.AsSpan(k * N, N));
        Values[k] = f;
    }

    /// <summary>Sets the model to zero.</summary>
    public void ResetModel()
    {
        ModelConstant = 0;
        Array.Clear(Gradient);
        Array.Clear(Hessian);
    }

    public void SelectBest()
    {
        int best = 0;
        for (int k = 1; k < Npt; k++)
            if (Values[k] < Values[best]) best = k;
        KOpt = best;
    }

    public void SetBestIfLower(int k)
    {
        if (Values[k] < Values[KOpt]) KOpt = k;
    }

    public double DistanceSquaredFromOpt(int k)
    {
        var p = Point(k);
        var o = XOpt;
        double s = 0;
        for (int j = 0; j < N; j++) s += (p[j] - o[j]) * (p[j] - o[j]);
        return s;
    }

    public double ModelValue(ReadOnlySpan<double> y)
    {
        double q = ModelConstant;
        for (int i = 0; i < N; i++)
        {
            double hy = 0;
            for (int j = 0; j < N; j++) hy += Hessian[i * N + j] * y[j];
            q += y[i] * (Gradient[i] + 0.5 * hy);
        }
        return q;
    }

    /// <summary>Gradient of the model at <paramref name="y"/>.</summary>
    public void ModelGradient(ReadOnlySpan<double> y, Span<double> g)
    {
        for (int i = 0; i < N; i++)
        {
            double s = Gradient[i];
            for (int j = 0; j < N; j++) s += Hessian[i * N + j] * y[j];
            g[i] = s;
        }
    }

    /// <summary>Product of the model Hessian with <paramref name="v"/>.</summary>
    public void HessianTimes(ReadOnlySpan<double> v, Span<double> result)
    {
        for (int i = 0; i < N; i++)
        {
            double s = 0;
            for (int j = 0; j < N; j++) s += Hessian[i * N + j] * v[j];
            result[i] = s;
        }
    }

    /// <summary>Rebuilds and inverts the KKT matrix W for the current points. False if W is numerically singular.</summary>
    public bool Factorize()
    {
        var o = XOpt;
        double maxDist = 0;
        for (int k = 0; k < Npt; k++) maxDist = Math.Max(maxDist, DistanceSquaredFromOpt(k));
        _scale = maxDist > 0 ? Math.Sqrt(maxDist) : 1.0;
        Array.Clear(_work);
        for (int i = 0; i < Npt; i++)
        {
            var pi = Point(i);
            for (int j = 0; j <= i; j++)
            {
                var pj = Point(j);
                double dot = 0;
                for (int c = 0; c < N; c++) dot += (pi[c] - o[c]) * (pj[c] - o[c]);
                dot /= _scale * _scale;
                _work[i * M + j] = _work[j * M + i] = 0.5 * dot * dot;
            }
            _work[i * M + Npt] = _work[Npt * M + i] = 1.0;
            for (int c = 0; c < N; c++)
                _work[i * M + Npt + 1 + c] = _work[(Npt + 1 + c) * M + i] = (pi[c] - o[c]) / _scale;
        }
        return DenseInverse.Invert(_work, _kkt, _pivots, M);
    }

    /// <summary>
    /// Adds to the model the least-Frobenius-norm quadratic that makes it interpolate every point
    /// (requires a current <see cref="Factorize"/>).
    /// </summary>
    public void UpdateModel()
    {
        Array.Clear(_residual);
        for (int k = 0; k < Npt; k++) _residual[k] = Values[k] - ModelValue(Point(k));
        MultiplyInverse(_residual, _coefficients);
        var o = XOpt;
        double s = _scale;
        // Hessian change sum_k lambda_k y_k y_k' with y_k = (x_k - xopt)/s, expressed in unscaled coordinates (hence 1/s^4).
        for (int k = 0; k < Npt; k++)
        {
            double lam = _coefficients[k] / (s * s * s * s);
            if (lam == 0) continue;
            var p = Point(k);
            for (int i = 0; i < N; i++) _z[i] = p[i] - o[i];
            for (int i = 0; i < N; i++)
            {
                double li = lam * _z[i];
                for (int j = 0; j < N; j++) Hessian[i * N + j] += li * _z[j];
            }
        }
        // Constant and gradient of the change, moved from the origin xopt to the base point.
        double dc = _coefficients[Npt];
        Span<double> dg = stackalloc double[N];
        for (int j = 0; j < N; j++) dg[j] = _coefficients[Npt + 1 + j] / s;
        double cShift = dc;
        for (int j = 0; j < N; j++) cShift -= dg[j] * o[j];
        // Quadratic part of the change evaluated at the base (offset -xopt): sum lam_k ((x_k-xopt).(-xopt))^2 / 2.
        double quadAtBase = 0;
        Span<double> hgrad = stackalloc double[N];
        hgrad.Clear();
        for (int k = 0; k < Npt; k++)
        {
            double lam = _coefficients[k] / (s * s * s * s);
            if (lam == 0) continue;
            var p = Point(k);
            double dot = 0;
            for (int i = 0; i < N; i++) dot -= (p[i] - o[i]) * o[i];
            quadAtBase += 0.5 * lam * dot * dot;
            for (int i = 0; i < N; i++) hgrad[i] += lam * dot * (p[i] - o[i]);
        }
        ModelConstant += cShift + quadAtBase;
        for (int j = 0; j < N; j++) Gradient[j] += dg[j] + hgrad[j];
    }

    /// <summary>
    /// Prepares the denominator terms for replacing a point by <paramref name="y"/>; returns beta.
    /// Afterwards <see cref="LagrangeValue"/> and <see cref="Denominator"/> refer to <paramref name="y"/>.
    /// </summary>
    public double PrepareCandidate(ReadOnlySpan<double> y)
    {
        var o = XOpt;
        double zz = 0;
        for (int j = 0; j < N; j++)
        {
            _z[j] = (y[j] - o[j]) / _scale;
            zz += _z[j] * _z[j];
        }
        for (int k = 0; k < Npt; k++)
        {
            var p = Point(k);
            double dot = 0;
            for (int j = 0; j < N; j++) dot += (p[j] - o[j]) / _scale * _z[j];
            _wVector[k] = 0.5 * dot * dot;
        }
        _wVector[Npt] = 1.0;
        for (int j = 0; j < N; j++) _wVector[Npt + 1 + j] = _z[j];
        MultiplyInverse(_wVector, _hw);
        double whw = 0;
        for (int i = 0; i < M; i++) whw += _wVector[i] * _hw[i];
        return 0.5 * zz * zz - whw;
    }

    /// <summary>Value at the prepared candidate of the Lagrange function of point <paramref name="t"/> (Powell's tau).</summary>
    public double LagrangeValue(int t) => _hw[t];

    /// <summary>Powell's denominator sigma = alpha beta + tau^2 for replacing point <paramref name="t"/> by the candidate.</summary>
    public double Denominator(int t, double beta) => _kkt[t * M + t] * beta + _hw[t] * _hw[t];

    /// <summary>Gradient at the best point of the Lagrange function of point <paramref name="t"/>.</summary>
    public void LagrangeGradientAtOpt(int t, Span<double> g)
    {
        for (int j = 0; j < N; j++) g[j] = _kkt[(Npt + 1 + j) * M + t] / _scale;
    }

    /// <summary>Moves the base point to the best point (Powell's shift of XBASE), keeping the model unchanged.</summary>
    public void ShiftBaseToOpt(ReadOnlySpan<double> lowerBounds, ReadOnlySpan<double> upperBounds)
    {
        Span<double> shift = stackalloc double[N];
        XOpt.CopyTo(shift);
        ModelConstant = ModelValue(shift);
        Span<double> g = stackalloc double[N];
        ModelGradient(shift, g);
        g.CopyTo(Gradient);
        for (int k = 0; k < Npt; k++)
            for (int j = 0; j < N; j++) Points[k * N + j] -= shift[j];
        for (int j = 0; j < N; j++)
        {
            XBase[j] += shift[j];
            Lower[j] = lowerBounds[j] - XBase[j];
            Upper[j] = upperBounds[j] - XBase[j];
        }
    }

    private void MultiplyInverse(double[] v, double[] result)
    {
        for (int i = 0; i < M; i++)
        {
            double s = 0;
            int row = i * M;
            for (int j = 0; j < M; j++) s += _kkt[row + j] * v[j];
            result[i] = s;
        }
    }
}
