namespace MixedEffects.Optimization;

/// <summary>
/// BOBYQA's ALTMOV (Powell 2009, section 5): a model-improvement point that replaces interpolation point
/// KNEW, chosen within distance ADELT of the best point and within the bounds so that the Lagrange function of
/// KNEW is large in magnitude, which keeps the interpolation system well conditioned.
/// Candidates are Powell's: the best point on each line from the best point through another interpolation
/// point, and the constrained Cauchy steps along plus and minus the Lagrange gradient. Where Powell compares
/// the candidates through an estimate of the denominator, this class evaluates the exact denominator
/// sigma = alpha beta + tau^2 of each candidate (cheap, because the inverse KKT matrix is explicit).
/// </summary>
internal sealed class AlternativeStep
{
    private readonly int _n;
    private readonly double[] _lagrangeGradient, _candidate, _direction;
    private readonly bool[] _free;

    public AlternativeStep(int n)
    {
        _n = n;
        _lagrangeGradient = new double[n];
        _candidate = new double[n];
        _direction = new double[n];
        _free = new bool[n];
        XNew = new double[n];
    }

    /// <summary>The chosen point (relative to the base point).</summary>
    public double[] XNew { get; }

    /// <summary>Chooses <see cref="XNew"/>; returns false if no candidate differs from the best point.</summary>
    public bool Solve(InterpolationSet set, int knew, double adelt)
    {
        var xopt = set.XOpt;
        double[] sl = set.Lower, su = set.Upper;
        set.LagrangeGradientAtOpt(knew, _lagrangeGradient);
        double bestSigma = -1;
        for (int k = 0; k < set.Npt; k++)
        {
            if (k == set.KOpt) continue;
            var p = set.Point(k);
            double distsq = 0, dderiv = 0;
            for (int i = 0; i < _n; i++)
            {
                _direction[i] = p[i] - xopt[i];
                distsq += _direction[i] * _direction[i];
                dderiv += _lagrangeGradient[i] * _direction[i];
            }
            if (distsq == 0) continue;
            double hi = adelt / Math.Sqrt(distsq), lo = -hi;
            for (int i = 0; i < _n; i++)
            {
                double di = _direction[i];
                if (di > 0)
                {
                    lo = Math.Max(lo, (sl[i] - xopt[i]) / di);
                    hi = Math.Min(hi, (su[i] - xopt[i]) / di);
                }
                else if (di < 0)
                {
                    lo = Math.Max(lo, (su[i] - xopt[i]) / di);
                    hi = Math.Min(hi, (sl[i] - xopt[i]) / di);
                }
            }
            // Along the line the Lagrange function is l(a) = dderiv a + (delta_k - dderiv) a^2.
            double curvature = (k == knew ? 1.0 : 0.0) - dderiv;
            double bestAlpha = 0, bestL = 0;
            Consider(lo); Consider(hi);
            if (curvature != 0)
            {
                double stationary = -dderiv / (2 * curvature);
                if (stationary > lo && stationary < hi) Consider(stationary);
            }
            if (bestAlpha == 0) continue;
            for (int i = 0; i < _n; i++)
                _candidate[i] = Math.Min(Math.Max(xopt[i] + bestAlpha * _direction[i], sl[i]), su[i]);
            Keep(set, knew, ref bestSigma);

            void Consider(double a)
            {
                double l = Math.Abs(a * (dderiv + curvature * a));
                if (a != 0 && l > bestL) { bestL = l; bestAlpha = a; }
            }
        }
        for (int sign = -1; sign <= 1; sign += 2)
            if (CauchyCandidate(set, sign, adelt))
                Keep(set, knew, ref bestSigma);
        return bestSigma > 0;
    }

    private void Keep(InterpolationSet set, int knew, ref double bestSigma)
    {
        double beta = set.PrepareCandidate(_candidate);
        double sigma = Math.Abs(set.Denominator(knew, beta));
        if (sigma > bestSigma && !double.IsNaN(sigma))
        {
            bestSigma = sigma;
            Array.Copy(_candidate, XNew, _n);
        }
    }

    /// <summary>Step of length adelt along sign * (Lagrange gradient), with variables fixed at the bounds they would cross.</summary>
    private bool CauchyCandidate(InterpolationSet set, int sign, double adelt)
    {
        var xopt = set.XOpt;
        double[] sl = set.Lower, su = set.Upper, g = _lagrangeGradient;
        double remaining = adelt * adelt;
        for (int i = 0; i < _n; i++)
        {
            double gi = sign * g[i];
            _free[i] = gi != 0 && !(gi < 0 && xopt[i] <= sl[i]) && !(gi > 0 && xopt[i] >= su[i]);
            _candidate[i] = xopt[i];
        }
        for (int pass = 0; pass < _n; pass++)
        {
            double ggfree = 0;
            for (int i = 0; i < _n; i++) if (_free[i]) ggfree += g[i] * g[i];
            if (ggfree == 0 || remaining <= 0) break;
            double scale = Math.Sqrt(remaining / ggfree);
            bool fixedAny = false;
            for (int i = 0; i < _n; i++)
            {
                if (!_free[i]) continue;
                double x = xopt[i] + sign * scale * g[i];
                if (x < sl[i] || x > su[i])
                {
                    double bound = x < sl[i] ? sl[i] : su[i];
                    _candidate[i] = bound;
                    remaining -= (bound - xopt[i]) * (bound - xopt[i]);
                    _free[i] = false;
                    fixedAny = true;
                }
            }
            if (!fixedAny)
            {
                for (int i = 0; i < _n; i++)
                    if (_free[i]) _candidate[i] = xopt[i] + sign * scale * g[i];
                break;
            }
        }
        double moved = 0;
        for (int i = 0; i < _n; i++) moved += Math.Abs(_candidate[i] - xopt[i]);
        return moved > 0;
    }
}
