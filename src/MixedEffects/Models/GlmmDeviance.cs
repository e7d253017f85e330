using MixedEffects.Design;

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
    private readonly int[] _termOffsets;
    private readonly int[] _thetaOffsets;
    private readonly double[][] _lambdas;
    private GlmmCrossProducts? _conditional;
    private GlmmCrossProducts? _joint;

    private readonly double _aicConstant;
    private readonly double[] _eta, _mu, _muEta, _w, _z, _base, _devRes;
    private readonly double[] _uPrev, _betaPrev, _betaNew, _start;

    public GlmmDeviance(GeneralizedLinearMixedModelDesign design)
    {
        _design = design;
        _response = design.Response;
        _family = _response.Family;
        _terms = design.Terms;
        _x = design.X.Matrix.Columns;
        _n = _response.Count;
        _p = _x.Length;
        _termOffsets = new int[_terms.Count];
        _thetaOffsets = new int[_terms.Count];
        _lambdas = new double[_terms.Count][];
        int q = 0, th = 0;
        for (int i = 0; i < _terms.Count; i++)
        {
            _termOffsets[i] = q; q += _terms[i].RandomEffectCount;
            _thetaOffsets[i] = th; th += _terms[i].ThetaCount;
            _lambdas[i] = new double[_terms[i].ColumnCount * _terms[i].ColumnCount];
        }
        _q = q;
        ThetaCount = th;
        U = new double[q];
        Beta = new double[_p];
        _uPrev = new double[q];
        _betaPrev = new double[_p]; _betaNew = new double[_p];
        _start = _response.StartingEta();
        _eta = (double[])_start.Clone();
        _aicConstant = _family.AicTerm(_response.Y, _response.Trials, _response.Y, _response.Weights);
        _mu = new double[_n]; _muEta = new double[_n]; _w = new double[_n]; _z = new double[_n];
        _base = new double[_n]; _devRes = new double[_n];
        UpdateMu();
    }

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

    /// <summary>Cross products and factor of the last evaluation's final weights (without X for nAGQ &gt;= 1).</summary>
    public GlmmCrossProducts LastProducts { get; private set; } = null!;

    public int Evaluations { get; private set; }

    /// <summary>The per-term lambda blocks for the current theta.</summary>
    public double[] Lambda(int term) => (double[])_lambdas[term].Clone();

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
        _joint ??= new GlmmCrossProducts(_terms, _x, _n);
        SetTheta(theta);
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
        double lambda = _lambdas[0][0];
        var factor = LastProducts.Factor;
        var devc0 = new double[levels];
        for (int g = 0; g < levels; g++) devc0[g] = U[g] * U[g];
        for (int i = 0; i < _n; i++) devc0[term.Code(i)] += _devRes[i];
        var mult = new double[levels];
        var devc = new double[levels];
        for (int k = 0; k < rule.Nodes.Length; k++)
        {
            double zk = rule.Nodes[k];
            for (int g = 0; g < levels; g++) devc[g] = 0;
            for (int i = 0; i < _n; i++)
            {
                int g = term.Code(i);
                double ug = U[g] + zk / factor.L0[g];
                double eta = _base[i] + term.Value(i, 0) * lambda * ug;
                double mu = _family.Link.Inverse(eta);
                devc[g] += _family.DevianceResidual(_response.Y[i], mu, _response.Weights[i]);
            }
            for (int g = 0; g < levels; g++)
            {
                double ug = U[g] + zk / factor.L0[g];
                devc[g] += ug * ug;
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
        _conditional ??= new GlmmCrossProducts(_terms, Array.Empty<double[]>(), _n);
        SetTheta(theta);
        beta.CopyTo(Beta);
        Array.Copy(_response.Offset, _base, _n);
        for (int j = 0; j < _p; j++)
        {
            var col = _x[j];
            double b = beta[j];
            for (int i = 0; i < _n; i++) _base[i] += col[i] * b;
        }
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
        return _aicConstant + ConditionalDeviance() + LastProducts.Factor.LogDetZ + sqrL;
    }

    private void SetTheta(ReadOnlySpan<double> theta)
    {
        for (int i = 0; i < _terms.Count; i++)
            _terms[i].FillLambda(theta.Slice(_thetaOffsets[i], _terms[i].ThetaCount), _lambdas[i]);
    }

    /// <summary>
    /// PIRLS as lme4's <c>pwrssUpdate</c>: start from the stored linear predictor, solve the penalized weighted least
    /// squares problem for new modes (and beta when joint), halve steps that increase the penalized deviance, stop
    /// when its relative change is below 1e-7 (lme4's <c>tolPwrss</c>). As in lme4 the factor kept is the one of the
    /// last solve, i.e. at the weights before the final step.
    /// </summary>
    private bool Pirls(ReadOnlySpan<double> theta, GlmmCrossProducts cp, bool joint)
    {
        Array.Copy(_start, _eta, _n);
        UpdateMu();
        double pdevOld = double.MaxValue;
        bool converged = false;
        for (int iter = 0; iter < MaxIterations; iter++)
        {
            WorkingValues(joint);
            cp.Refill(_w, _z);
            if (!cp.Factor.Update(theta)) return false;
            Array.Copy(U, _uPrev, _q);
            if (joint) Array.Copy(Beta, _betaPrev, _p);
            cp.Solve(theta, U, joint ? Beta : _betaNew);
            double pdev = PenalizedDeviance(U, Beta, joint);
            if (Math.Abs((pdevOld - pdev) / pdev) < Tolerance) { converged = true; break; }
            if (!(pdev <= pdevOld))
            {
                for (int k = 0; k < MaxHalvings && !(pdev <= pdevOld); k++)
                {
                    for (int j = 0; j < _q; j++) U[j] = 0.5 * (_uPrev[j] + U[j]);
                    if (joint) for (int j = 0; j < _p; j++) Beta[j] = 0.5 * (_betaPrev[j] + Beta[j]);
                    pdev = PenalizedDeviance(U, Beta, joint);
                }
                if (!(pdev - pdevOld <= Tolerance)) return false;
            }
            pdevOld = pdev;
        }
        if (!converged) return false;
        LastProducts = cp;
        return true;
    }

    /// <summary>Stores the current linear predictor as the starting point of every later PIRLS run (lme4's <c>lp0</c>).</summary>
    public void KeepStartingPoint() => Array.Copy(_eta, _start, _n);

    /// <summary>Sets eta, mu and the deviance residuals for (u, beta); returns sum of deviance residuals + ||u||^2.</summary>
    private double PenalizedDeviance(double[] u, double[] beta, bool joint)
    {
        if (joint)
        {
            Array.Copy(_response.Offset, _base, _n);
            for (int j = 0; j < _p; j++)
            {
                var col = _x[j];
                double b = beta[j];
                for (int i = 0; i < _n; i++) _base[i] += col[i] * b;
            }
        }
        Array.Copy(_base, _eta, _n);
        for (int t = 0; t < _terms.Count; t++)
        {
            var term = _terms[t];
            int s = term.ColumnCount, off = _termOffsets[t];
            var lam = _lambdas[t];
            if (s == 1)
            {
                double l = lam[0];
                var codes = term.Codes;
                for (int i = 0; i < _n; i++) _eta[i] += term.Value(i, 0) * l * u[off + codes[i]];
                continue;
            }
            for (int i = 0; i < _n; i++)
            {
                int g = term.Code(i);
                double v = 0;
                for (int r = 0; r < s; r++)
                {
                    double br = 0;
                    for (int c = 0; c <= r; c++) br += lam[r * s + c] * u[off + g * s + c];
                    v += term.Value(i, r) * br;
                }
                _eta[i] += v;
            }
        }
        UpdateMu();
        double sum = 0;
        for (int i = 0; i < _n; i++) sum += _devRes[i];
        foreach (var v in u) sum += v * v;
        return sum;
    }

    private void UpdateMu()
    {
        var link = _family.Link;
        var y = _response.Y;
        var wt = _response.Weights;
        if (link.Kind == LinkFunctionKind.Logit && _family.Distribution == GlmDistribution.Binomial)
        {
            // one exponential per observation: mu and d mu / d eta from exp(-|eta|)
            for (int i = 0; i < _n; i++)
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

    /// <summary>Working weights and working response (minus the fixed part for the conditional problem).</summary>
    private void WorkingValues(bool joint)
    {
        var y = _response.Y;
        var wt = _response.Weights;
        var offset = _response.Offset;
        for (int i = 0; i < _n; i++)
        {
            double me = _muEta[i];
            _w[i] = wt[i] * me * me / _family.Variance(_mu[i]);
            double baseline = joint ? offset[i] : _base[i];
            _z[i] = _eta[i] - baseline + (y[i] - _mu[i]) / me;
        }
    }

    /// <summary>
    /// lme4's <c>unsc()</c>: (R_X' R_X)^-1, the unscaled covariance of the fixed effects from the full penalized
    /// least-squares system: the factor of the last nAGQ = 0 evaluation, else refactored at the current weights.
    /// </summary>
    public double[,] UnscaledCovariance(ReadOnlySpan<double> theta)
    {
        var cov = new double[_p, _p];
        if (_joint is null || !ReferenceEquals(LastProducts, _joint))
        {
            _joint ??= new GlmmCrossProducts(_terms, _x, _n);
            SetTheta(theta);
            WorkingValues(joint: true);
            _joint.Refill(_w, _z);
            if (!_joint.Factor.Update(theta)) return cov;
        }
        var f = _joint.Factor;
        int m = _joint.Products.M, qr = _joint.Products.RestRandomEffects;
        var inv = new double[_p * _p];
        for (int j = 0; j < _p; j++)
        {
            var e = new double[_p];
            e[j] = 1;
            for (int i = 0; i < _p; i++)
            {
                double v = e[i];
                for (int t = 0; t < i; t++) v -= f.Dense[(qr + i) * m + qr + t] * e[t];
                e[i] = v / f.Dense[(qr + i) * m + qr + i];
            }
            for (int i = 0; i < _p; i++) inv[i * _p + j] = e[i];
        }
        for (int i = 0; i < _p; i++)
            for (int j = 0; j < _p; j++)
            {
                double v = 0;
                for (int t = 0; t < _p; t++) v += inv[t * _p + i] * inv[t * _p + j];
                cov[i, j] = v;
            }
        return cov;
    }
}
