namespace MixedEffects.Optimization;

/// <summary>
/// BOBYQA's TRSBOX (Powell 2009, section 3): approximately minimizes the quadratic model within the
/// trust region ||d|| &lt;= delta and the bounds. Truncated conjugate gradients run on the free variables,
/// a variable that reaches a bound is fixed there and the iteration restarts; once the step reaches the
/// trust-region boundary, the step is rotated in the plane of d and the reduced gradient to decrease the
/// model further while staying on the boundary and within the bounds.
/// Buffers are allocated once and reused.
/// </summary>
internal sealed class TrustRegionStep
{
    private readonly int _n;
    private readonly int[] _fixedAt;   // 0 free, -1 at lower bound, +1 at upper bound
    private readonly double[] _s, _hs, _hd, _gradient;

    public TrustRegionStep(int n)
    {
        _n = n;
        _fixedAt = new int[n];
        _s = new double[n];
        _hs = new double[n];
        _hd = new double[n];
        _gradient = new double[n];
        Step = new double[n];
        XNew = new double[n];
    }

    /// <summary>The step d = XNew - xopt.</summary>
    public double[] Step { get; }
    /// <summary>The new point (relative to the base point), inside the bounds.</summary>
    public double[] XNew { get; }
    /// <summary>Model gradient at the new point.</summary>
    public double[] GradientAtNew => _gradient;
    /// <summary>Least curvature seen along a full CG step (Powell's CRVMIN): -1 none, 0 if the boundary was reached.</summary>
    public double CurvatureMin { get; private set; }

    public void Solve(InterpolationSet set, double delta)
    {
        var xopt = set.XOpt;
        double[] sl = set.Lower, su = set.Upper, d = Step, g = _gradient;
        set.ModelGradient(xopt, g);
        Array.Clear(d);
        Array.Clear(_hd);
        int nact = 0;
        for (int i = 0; i < _n; i++)
        {
            _fixedAt[i] = 0;
            if (xopt[i] <= sl[i] && g[i] >= 0) _fixedAt[i] = -1;
            else if (xopt[i] >= su[i] && g[i] <= 0) _fixedAt[i] = 1;
            if (_fixedAt[i] != 0) nact++;
        }
        double delsq = delta * delta, qred = 0, beta = 0, gredsq = 0;
        int iterc = 0, itermax = 0;
        CurvatureMin = -1;
        bool boundary = false;
        while (true)
        {
            double stepsq = 0;
            for (int i = 0; i < _n; i++)
            {
                _s[i] = _fixedAt[i] != 0 ? 0 : beta * _s[i] - g[i];
                stepsq += _s[i] * _s[i];
            }
            if (stepsq == 0) break;
            if (beta == 0)
            {
                gredsq = stepsq;
                itermax = iterc + _n - nact;
            }
            if (gredsq * delsq <= 1e-4 * qred * qred) break;
            set.HessianTimes(_s, _hs);
            double resid = delsq, ds = 0, shs = 0;
            for (int i = 0; i < _n; i++)
            {
                if (_fixedAt[i] != 0) continue;
                resid -= d[i] * d[i];
                ds += d[i] * _s[i];
                shs += _s[i] * _hs[i];
            }
            if (resid <= 0) { boundary = true; break; }
            double temp = Math.Sqrt(stepsq * resid + ds * ds);
            double blen = ds < 0 ? (temp - ds) / stepsq : resid / (temp + ds);
            double stplen = shs > 0 ? Math.Min(blen, gredsq / shs) : blen;
            int iact = -1;
            for (int i = 0; i < _n; i++)
            {
                if (_s[i] == 0) continue;
                double xsum = xopt[i] + d[i];
                double limit = _s[i] > 0 ? (su[i] - xsum) / _s[i] : (sl[i] - xsum) / _s[i];
                if (limit < stplen) { stplen = limit; iact = i; }
            }
            double sdec = 0;
            if (stplen > 0)
            {
                iterc++;
                double curv = shs / stepsq;
                if (iact < 0 && curv > 0)
                    CurvatureMin = CurvatureMin == -1 ? curv : Math.Min(CurvatureMin, curv);
                double ggsav = gredsq;
                gredsq = 0;
                for (int i = 0; i < _n; i++)
                {
                    g[i] += stplen * _hs[i];
                    _hd[i] += stplen * _hs[i];
                    if (_fixedAt[i] == 0) gredsq += g[i] * g[i];
                    d[i] += stplen * _s[i];
                }
                sdec = Math.Max(stplen * (ggsav - 0.5 * stplen * shs), 0);
                qred += sdec;
                if (iact < 0 && stplen < blen)
                {
                    if (iterc == itermax || sdec <= 0.01 * qred) break;
                    beta = gredsq / ggsav;
                    continue;
                }
            }
            if (iact >= 0)
            {
                nact++;
                _fixedAt[iact] = _s[iact] < 0 ? -1 : 1;
                delsq -= d[iact] * d[iact];
                if (delsq <= 0) { boundary = true; break; }
                beta = 0;
                continue;
            }
            boundary = true;
            break;
        }
        if (boundary)
        {
            CurvatureMin = 0;
            RotateOnBoundary(set, xopt, ref nact, qred);
        }
        for (int i = 0; i < _n; i++)
        {
            double x = Math.Min(Math.Max(xopt[i] + d[i], sl[i]), su[i]);
            if (_fixedAt[i] == -1) x = sl[i];
            if (_fixedAt[i] == 1) x = su[i];
            XNew[i] = x;
            d[i] = x - xopt[i];
        }
    }

    private void RotateOnBoundary(InterpolationSet set, ReadOnlySpan<double> xopt, ref int nact, double qred)
    {
        double[] sl = set.Lower, su = set.Upper, d = Step, g = _gradient;
        while (nact < _n - 1)
        {
            double dredsq = 0, dredg = 0, gredsq = 0;
            for (int i = 0; i < _n; i++)
            {
                if (_fixedAt[i] != 0) continue;
                dredsq += d[i] * d[i];
                dredg += d[i] * g[i];
                gredsq += g[i] * g[i];
            }
            double temp = gredsq * dredsq - dredg * dredg;
            if (temp <= 1e-4 * qred * qred) return;
            temp = Math.Sqrt(temp);
            for (int i = 0; i < _n; i++)
                _s[i] = _fixedAt[i] == 0 ? (dredg * d[i] - dredsq * g[i]) / temp : 0;
            double sredg = -temp;
            double angbd = 1;
            int iact = -1, xsav = 0;
            bool refixed = false;
            for (int i = 0; i < _n && !refixed; i++)
            {
                if (_fixedAt[i] != 0) continue;
                double tempa = xopt[i] + d[i] - sl[i];
                double tempb = su[i] - xopt[i] - d[i];
                if (tempa <= 0) { nact++; _fixedAt[i] = -1; refixed = true; break; }
                if (tempb <= 0) { nact++; _fixedAt[i] = 1; refixed = true; break; }
                double ssq = d[i] * d[i] + _s[i] * _s[i];
                double t = ssq - (xopt[i] - sl[i]) * (xopt[i] - sl[i]);
                if (t > 0)
                {
                    t = Math.Sqrt(t) - _s[i];
                    if (angbd * t > tempa) { angbd = tempa / t; iact = i; xsav = -1; }
                }
                t = ssq - (su[i] - xopt[i]) * (su[i] - xopt[i]);
                if (t > 0)
                {
                    t = Math.Sqrt(t) + _s[i];
                    if (angbd * t > tempb) { angbd = tempb / t; iact = i; xsav = 1; }
                }
            }
            if (refixed) continue;
            set.HessianTimes(_s, _hs);
            double shs = 0, dhs = 0, dhd = 0;
            for (int i = 0; i < _n; i++)
            {
                if (_fixedAt[i] != 0) continue;
                shs += _s[i] * _hs[i];
                dhs += d[i] * _hs[i];
                dhd += d[i] * _hd[i];
            }
            // Reduction of Q along d(theta) = cos(theta) d + sin(theta) s, sampled in t = tan(theta/2).
            double redmax = 0, redsav = 0, rdprev = 0, rdnext = 0;
            int isav = -1;
            int iu = (int)(17 * angbd + 3.1);
            for (int i = 1; i <= iu; i++)
            {
                double angt = angbd * i / iu;
                double sth = 2 * angt / (1 + angt * angt);
                double q = shs + angt * (angt * dhd - 2 * dhs);
                double rednew = sth * (angt * dredg - sredg - 0.5 * sth * q);
                if (rednew > redmax) { redmax = rednew; isav = i; rdprev = redsav; }
                else if (i == isav + 1) rdnext = rednew;
                redsav = rednew;
            }
            if (isav < 0) return;
            double angle = angbd;
            if (isav < iu)
            {
                double ratio = (rdnext - rdprev) / (redmax + redmax - rdprev - rdnext);
                angle = angbd * (isav + 0.5 * ratio) / iu;
            }
            double cth = (1 - angle * angle) / (1 + angle * angle);
            double sn = 2 * angle / (1 + angle * angle);
            double qq = shs + angle * (angle * dhd - 2 * dhs);
            double sdec = sn * (angle * dredg - sredg - 0.5 * sn * qq);
            if (sdec <= 0) return;
            for (int i = 0; i < _n; i++)
            {
                g[i] += (cth - 1) * _hd[i] + sn * _hs[i];
                if (_fixedAt[i] == 0) d[i] = cth * d[i] + sn * _s[i];
                _hd[i] = cth * _hd[i] + sn * _hs[i];
            }
            qred += sdec;
            if (iact >= 0 && isav == iu)
            {
                nact++;
                _fixedAt[iact] = xsav;
                continue;
            }
            if (sdec <= 0.01 * qred) return;
        }
    }
}
