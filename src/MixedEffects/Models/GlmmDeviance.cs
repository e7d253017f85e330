using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MixedEffects.Design;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// The objective functions of glmer, each computed by penalized iteratively reweighted least squares (PIRLS) for the
/// conditional modes: the Laplace approximation of -2 log L at (theta, beta); adaptive Gauss-Hermite quadrature for
/// a single scalar term; and the nAGQ = 0 criterion at theta, where beta is estimated inside PIRLS.
/// lme4's definition: -2 log L ~ aic(y, mu) + log|L|^2 + ||u||^2 (aic = -2 sum log p(y | mu)).
/// The state (u, beta, eta, mu) is kept between calls as the next starting point. Not thread-safe.
/// </summary>
internal sealed class GlmmDeviance
{
    private const int MaxIterations = 100;
    private const int MaxHalvings = 10;
    private const double Tolerance = 1e-7;

    private readonly GeneralizedLinearMixedModelDesign _design;
    private readonly GlmResponse _response;
    private readonly GlmFamily _family;
    private readonly IReadOnlyList<RandomEffectsTerm> _terms;
    private readonly double[][] _x;
    private readonly int _n, _p, _q;
    private PenalizedLeastSquares? _conditional;
    private PenalizedLeastSquares? _joint;

    private readonly double _aicConstant;
    private readonly bool _binaryResponse;
    private readonly double[] _eta, _mu, _muEta, _w, _z, _base, _devRes;
    private readonly double[] _uPrev, _betaPrev, _betaNew, _start;
    private readonly double[] _startMu, _startMuEta, _startDevRes;

    public GlmmDeviance(GeneralizedLinearMixedModelDesign design)
    {
        _design = design;
        _response = design.Response;
        _family = _response.Family;
        _terms = design.Terms;
        _x = design.X.Matrix.Columns;
        _n = _response.Count;
        _p = _x.Length;
        _q = _terms.Sum(t => t.RandomEffectCount);
        ThetaCount = _terms.Sum(t => t.ThetaCount);
        U = new double[_q];
        Beta = new double[_p];
        _uPrev = new double[_q];
        _betaPrev = new double[_p]; _betaNew = new double[_p];
        _start = _response.StartingEta();
        _eta = (double[])_start.Clone();
        _binaryResponse = _response.Y.All(v => v == 0 || v == 1);
        _aicConstant = _family.AicTerm(_response.Y, _response.Trials, _response.Y, _response.Weights);
        _mu = new double[_n]; _muEta = new double[_n]; _w = new double[_n]; _z = new double[_n];
        _base = new double[_n]; _devRes = new double[_n];
        _startMu = new double[_n]; _startMuEta = new double[_n]; _startDevRes = new double[_n];
        UpdateMu();
        StoreStartingMeans();
    }

    /// <summary>A copy with the same design and starting point and its own working storage, for evaluations on another thread.</summary>
    private GlmmDeviance(GlmmDeviance source)
    {
        _design = source._design;
        _response = source._response;
        _family = source._family;
        _terms = source._terms;
        _x = source._x;
        _n = source._n; _p = source._p; _q = source._q;
        ThetaCount = source.ThetaCount;
        U = (double[])source.U.Clone();
        Beta = (double[])source.Beta.Clone();
        _uPrev = new double[_q];
        _betaPrev = new double[_p]; _betaNew = new double[_p];
        _start = (double[])source._start.Clone();
        _startMu = (double[])source._startMu.Clone();
        _startMuEta = (double[])source._startMuEta.Clone();
        _startDevRes = (double[])source._startDevRes.Clone();
        _aicConstant = source._aicConstant;
        _binaryResponse = source._binaryResponse;
        _eta = (double[])source._eta.Clone();
        _mu = (double[])source._mu.Clone();
        _muEta = (double[])source._muEta.Clone();
        _devRes = (double[])source._devRes.Clone();
        _w = new double[_n]; _z = new double[_n];
        _base = new double[_n];
    }

    /// <summary>
    /// An independent copy sharing the read-only design: every PIRLS run starts from the stored starting point, so
    /// the copy's objective values equal this object's bit for bit.
    /// </summary>
    public GlmmDeviance Copy() => new(this);

    public int ThetaCount { get; }

    public int FixedEffectCount => _p;

    /// <summary>Spherical conditional modes u of the last evaluation, terms concatenated, level-major.</summary>
    public double[] U { get; }

    /// <summary>Fixed effects of the last evaluation (estimated in PIRLS for nAGQ = 0, given otherwise).</summary>
    public double[] Beta { get; }

    /// <summary>Linear predictor of the last evaluation (with the offset).</summary>
    public ReadOnlySpan<double> Eta => _eta;

    /// <summary>Means of the last evaluation.</summary>
    public ReadOnlySpan<double> Mu => _mu;

    /// <summary>The penalized least-squares problem of the last evaluation's final weights (without X for nAGQ &gt;= 1).</summary>
    private PenalizedLeastSquares LastProblem { get; set; } = null!;

    /// <summary>The factor of the last evaluation's final weights.</summary>
    public BlockedCholeskyFactor LastFactor => LastProblem.Factor;

    public int Evaluations { get; private set; }

    /// <summary>Laplace approximation of -2 log L at (theta, beta); nAGQ = 1.</summary>
    public double Laplace(ReadOnlySpan<double> theta, ReadOnlySpan<double> beta)
    {
        Evaluations++;
        return Conditional(theta, beta) ? LaplaceValue() : double.PositiveInfinity;
    }

    /// <summary>The nAGQ = 0 criterion at theta: beta and u by PIRLS, then the Laplace formula.</summary>
    public double Joint(ReadOnlySpan<double> theta)
    {
        Evaluations++;
        _joint ??= new PenalizedLeastSquares(_terms, _x, _n);
        Array.Copy(_response.Offset, _base, _n);
        if (!Pirls(theta, _joint, joint: true)) return double.PositiveInfinity;
        return LaplaceValue();
    }

    /// <summary>Adaptive Gauss-Hermite approximation (lme4's <c>glmerAGQ</c>) for a single scalar random-effects term.</summary>
    public double AdaptiveQuadrature(ReadOnlySpan<double> theta, ReadOnlySpan<double> beta, GaussHermiteRule rule)
    {
        Evaluations++;
        if (!Conditional(theta, beta)) return double.PositiveInfinity;
        var term = _terms[0];
        int levels = term.LevelCount;
        var factor = LastFactor;
        var devc0 = new double[levels];
        for (int g = 0; g < levels; g++) devc0[g] = U[g] * U[g];
        for (int i = 0; i < _n; i++) devc0[term.Code(i)] += _devRes[i];
        var mult = new double[levels];
        var devc = new double[levels];
        var shifted = new double[levels];
        var eta = new double[_n];
        for (int k = 0; k < rule.Nodes.Length; k++)
        {
            double zk = rule.Nodes[k];
            for (int g = 0; g < levels; g++)
            {
                devc[g] = 0;
                shifted[g] = U[g] + zk / factor.FrontDiagonal(g);
            }
            LastProblem.LinearPredictor(_base, shifted, eta);
            for (int i = 0; i < _n; i++)
            {
                double mu = _family.Link.Inverse(eta[i]);
                devc[term.Code(i)] += _family.DevianceResidual(_response.Y[i], mu, _response.Weights[i]);
            }
            for (int g = 0; g < levels; g++)
            {
                devc[g] += shifted[g] * shifted[g];
                mult[g] += rule.Weights[k] * Math.Exp(-0.5 * (devc[g] - devc0[g]) + 0.5 * zk * zk);
            }
        }
        double sum = factor.LogDetZ;
        for (int g = 0; g < levels; g++) sum += devc0[g] - 2 * Math.Log(mult[g]);
        return sum;
    }

    /// <summary>Conditional deviance sum of the deviance residuals at the last evaluation.</summary>
    public double ConditionalDeviance()
    {
        double s = 0;
        for (int i = 0; i < _n; i++) s += _devRes[i];
        return s;
    }

    private bool Conditional(ReadOnlySpan<double> theta, ReadOnlySpan<double> beta)
    {
        _conditional ??= new PenalizedLeastSquares(_terms, Array.Empty<double[]>(), _n);
        beta.CopyTo(Beta);
        FixedPart(beta);
        return Pirls(theta, _conditional, joint: false);
    }

    /// <summary>
    /// aic(y, mu) + log|L|^2 + ||u||^2, with aic = sum of deviance residuals + aic(y, y): the family's aic differs
    /// from the deviance only by a term that does not depend on mu, computed once.
    /// </summary>
    private double LaplaceValue()
    {
        double sqrL = 0;
        foreach (var v in U) sqrL += v * v;
        return _aicConstant + ConditionalDeviance() + LastFactor.LogDetZ + sqrL;
    }

    /// <summary>
    /// PIRLS as lme4's <c>pwrssUpdate</c>: start from the stored linear predictor, solve the penalized weighted least
    /// squares problem for new modes (and beta when joint), halve steps that increase the penalized deviance, stop
    /// when its relative change is below 1e-7 (lme4's <c>tolPwrss</c>). As in lme4 the factor kept is the one of the
    /// last solve, i.e. at the weights before the final step.
    /// </summary>
    private bool Pirls(ReadOnlySpan<double> theta, PenalizedLeastSquares cp, bool joint)
    {
        Array.Copy(_start, _eta, _n);
        Array.Copy(_startMu, _mu, _n);
        Array.Copy(_startMuEta, _muEta, _n);
        Array.Copy(_startDevRes, _devRes, _n);
        double pdevOld = double.MaxValue;
        bool converged = false;
        for (int iter = 0; iter < MaxIterations; iter++)
        {
            WorkingValues(joint);
            cp.Reweight(_w, _z);
            if (!cp.Update(theta)) return false;
            Array.Copy(U, _uPrev, _q);
            if (joint) Array.Copy(Beta, _betaPrev, _p);
            cp.Solve(U, joint ? Beta : _betaNew);
            double pdev = PenalizedDeviance(cp, U, Beta, joint);
            if (Math.Abs((pdevOld - pdev) / pdev) < Tolerance) { converged = true; break; }
            if (!(pdev <= pdevOld))
            {
                for (int k = 0; k < MaxHalvings && !(pdev <= pdevOld); k++)
                {
                    for (int j = 0; j < _q; j++) U[j] = 0.5 * (_uPrev[j] + U[j]);
                    if (joint) for (int j = 0; j < _p; j++) Beta[j] = 0.5 * (_betaPrev[j] + Beta[j]);
                    pdev = PenalizedDeviance(cp, U, Beta, joint);
                }
                if (!(pdev - pdevOld <= Tolerance)) return false;
            }
            pdevOld = pdev;
        }
        if (!converged) return false;
        LastProblem = cp;
        return true;
    }

    /// <summary>Stores the current linear predictor as the starting point of every later PIRLS run (lme4's <c>lp0</c>).</summary>
    public void KeepStartingPoint()
    {
        Array.Copy(_eta, _start, _n);
        UpdateMu();
        StoreStartingMeans();
    }

    /// <summary>Keeps mu, d mu / d eta and the deviance residuals at the starting point, the same at every PIRLS start.</summary>
    private void StoreStartingMeans()
    {
        Array.Copy(_mu, _startMu, _n);
        Array.Copy(_muEta, _startMuEta, _n);
        Array.Copy(_devRes, _startDevRes, _n);
    }

    /// <summary>
    /// Sets eta = base + Z Lambda u (the problem's lambda), mu and the deviance residuals for (u, beta); returns sum of
    /// deviance residuals + ||u||^2.
    /// </summary>
    private double PenalizedDeviance(PenalizedLeastSquares cp, double[] u, double[] beta, bool joint)
    {
        if (joint) FixedPart(beta);
        cp.LinearPredictor(_base, u, _eta);
        UpdateMu();
        double sum = 0;
        for (int i = 0; i < _n; i++) sum += _devRes[i];
        foreach (var v in u) sum += v * v;
        return sum;
    }

    /// <summary>base = offset + X beta, column after column (the order of the additions is that of a plain loop).</summary>
    private void FixedPart(ReadOnlySpan<double> beta)
    {
        Array.Copy(_response.Offset, _base, _n);
        LinearPredictor.AddFixed(_base, _x, beta);
    }

    private void UpdateMu()
    {
        var link = _family.Link;
        var y = _response.Y;
        var wt = _response.Weights;
        if (link.Kind == LinkFunctionKind.Logit && _family.Distribution == GlmDistribution.Binomial)
        {
            // one exponential per observation: mu and d mu / d eta from exp(-|eta|)
            int start = _binaryResponse ? LogitBinaryVector() : 0;
            for (int i = start; i < _n; i++)
            {
                double eta = _eta[i], e = Math.Exp(-Math.Abs(eta)), d = 1 / (1 + e);
                double mu = eta >= 0 ? d : e * d;
                _mu[i] = mu;
                _muEta[i] = e * d * d;
                double yi = y[i], r;
                if (yi == 0) r = (eta >= 0 ? eta : 0) - Math.Log(d);        // -log(1 - mu)
                else if (yi == 1) r = (eta >= 0 ? 0 : -eta) - Math.Log(d);  // -log(mu)
                else r = yi * Math.Log(yi / mu) + (1 - yi) * Math.Log((1 - yi) / (1 - mu));
                _devRes[i] = 2 * wt[i] * r;
            }
            return;
        }
        for (int i = 0; i < _n; i++)
        {
            double mu = link.Inverse(_eta[i]);
            _mu[i] = mu;
            _muEta[i] = link.MuEta(_eta[i]);
            _devRes[i] = _family.DevianceResidual(y[i], mu, wt[i]);
        }
    }

    /// <summary>
    /// The logit-binomial means for 0/1 responses, four observations at a time; returns the number of observations
    /// done (the rest are left to the scalar loop). The deviance residual is 2 w (max(+-eta, 0) + log(1 + exp(-|eta|))).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LogitBinaryVector()
    {
        if (!Vector256.IsHardwareAccelerated) return 0;
        var y = _response.Y;
        var wt = _response.Weights;
        var one = Vector256.Create(1.0);
        var zero = Vector256<double>.Zero;
        int i = 0;
        for (; i <= _n - 4; i += 4)
        {
            var eta = Vector256.Create(_eta.AsSpan(i, 4));
            var e = Vector256.Exp(-Vector256.Abs(eta));
            var d = one / (one + e);
            var positive = Vector256.GreaterThanOrEqual(eta, zero);
            Vector256.ConditionalSelect(positive, d, e * d).CopyTo(_mu.AsSpan(i, 4));
            (e * d * d).CopyTo(_muEta.AsSpan(i, 4));
            var yv = Vector256.Create(y.AsSpan(i, 4));
            var signed = Vector256.ConditionalSelect(Vector256.Equals(yv, zero), eta, -eta);
            var r = Vector256.Max(signed, zero) - Vector256.Log(d);
            (Vector256.Create(2.0) * Vector256.Create(wt.AsSpan(i, 4)) * r).CopyTo(_devRes.AsSpan(i, 4));
        }
        return i;
    }

    /// <summary>Working weights and working response (minus the fixed part for the conditional problem).</summary>
    private void WorkingValues(bool joint)
    {
        var y = _response.Y;
        var wt = _response.Weights;
        var offset = _response.Offset;
        int start = _family.Distribution == GlmDistribution.Binomial ? BinomialWorkingValues(joint ? offset : _base) : 0;
        for (int i = start; i < _n; i++)
        {
            double me = _muEta[i];
            _w[i] = wt[i] * me * me / _family.Variance(_mu[i]);
            double baseline = joint ? offset[i] : _base[i];
            _z[i] = _eta[i] - baseline + (y[i] - _mu[i]) / me;
        }
    }

    /// <summary>
    /// <see cref="WorkingValues"/> for the binomial variance mu (1 - mu), four observations at a time with the same
    /// operations; returns the number of observations done.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe int BinomialWorkingValues(double[] baseline)
    {
        if (!Vector256.IsHardwareAccelerated) return 0;
        int i = 0;
        var one = Vector256.Create(1.0);
        fixed (double* y = _response.Y, wt = _response.Weights, muEta = _muEta, mu = _mu, eta = _eta, b = baseline, w = _w, z = _z)
        {
            for (; i <= _n - 4; i += 4)
            {
                var me = Vector256.Load(muEta + i);
                var m = Vector256.Load(mu + i);
                Vector256.Store(Vector256.Load(wt + i) * me * me / (m * (one - m)), w + i);
                Vector256.Store(Vector256.Load(eta + i) - Vector256.Load(b + i) + (Vector256.Load(y + i) - m) / me, z + i);
            }
        }
        return i;
    }

    /// <summary>
    /// lme4's <c>unsc()</c>: (R_X' R_X)^-1, the unscaled covariance of the fixed effects from the full penalized
    /// least-squares system: the factor of the last nAGQ = 0 evaluation, else refactored at the current weights.
    /// </summary>
    public double[,] UnscaledCovariance(ReadOnlySpan<double> theta)
    {
        if (_joint is null || !ReferenceEquals(LastProblem, _joint))
        {
            _joint ??= new PenalizedLeastSquares(_terms, _x, _n);
            WorkingValues(joint: true);
            _joint.Reweight(_w, _z);
            if (!_joint.Update(theta)) return new double[_p, _p];
        }
        return _joint.Factor.UnscaledFixedEffectsCovariance();
    }
}
