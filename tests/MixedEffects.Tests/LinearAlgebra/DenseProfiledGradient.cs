using MixedEffects.Design;
using MixedEffects.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The profiled deviance (ML) or REML criterion of a linear mixed model and its analytic gradient with respect to
/// theta, computed with dense matrices of order q + p (q random effects, p fixed effects). With A = Z'WZ,
/// B = Z'WX, C = X'WX, the block diagonal relative covariance factor Lambda and
/// Omega = [[Lambda'A Lambda + I, Lambda'B], [B'Lambda, C]] = L L':
/// <list type="bullet">
/// <item>log|L_Z|^2 (ML), or log|L_Z|^2 + log|L_X|^2 = log|Omega| (REML, the Schur complement of the random-effects
/// block), has derivative tr(S dOmega) = 2 tr(G dLambda) with G = S_ZZ Lambda'A + S_ZX B', S the inverse of
/// Lambda'A Lambda + I (ML) or of Omega (REML);</item>
/// <item>the penalized residual sum of squares r^2 = min over (u, beta) of ||W^1/2 (y - X beta - Z Lambda u)||^2 +
/// ||u||^2 has, by the envelope theorem at the conditional solution, derivative -2 v' dLambda u with
/// v = Z'W (y - X beta - Z Lambda u);</item>
/// <item>the criterion is log|..| + d (1 + log(2 pi r^2 / d)) - sum log w, d = n (ML) or n - p (REML), so its
/// derivative is d log|..| + d dr^2 / r^2.</item>
/// </list>
/// Cost O((q + p)^3) per gradient: the plain reference for the blocked factor's sparse gradient in tests.
/// </summary>
internal sealed class DenseProfiledGradient
{
    private readonly IReadOnlyList<RandomEffectsTerm> _terms;
    private readonly int[] _offset;   // first random effect of each term
    private readonly int[] _thetaOffset;
    private readonly int _q, _p, _n;
    private readonly double[] _a;     // q x q, Z'WZ
    private readonly double[] _b;     // q x p, Z'WX
    private readonly double[] _c;     // p x p, X'WX
    private readonly double[] _zy, _xy;
    private readonly double _yy, _sumLogWeights;
    private readonly EstimationMethod _method;

    /// <summary>The dense cross products of [Z X y] with prior <paramref name="weights"/> (null: all 1).</summary>
    public DenseProfiledGradient(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, double[] y,
        double[]? weights, EstimationMethod method)
    {
        _terms = terms;
        _method = method;
        _n = y.Length;
        _p = xColumns.Count;
        _offset = new int[terms.Count + 1];
        _thetaOffset = new int[terms.Count + 1];
        for (int t = 0; t < terms.Count; t++)
        {
            _offset[t + 1] = _offset[t] + terms[t].RandomEffectCount;
            _thetaOffset[t + 1] = _thetaOffset[t] + terms[t].ThetaCount;
        }
        _q = _offset[terms.Count];
        _a = new double[_q * _q];
        _b = new double[_q * _p];
        _c = new double[_p * _p];
        _zy = new double[_q];
        _xy = new double[_p];
        int entries = terms.Sum(t => t.ColumnCount);
        var index = new int[entries];
        var value = new double[entries];
        for (int i = 0; i < _n; i++)
        {
            double w = weights is null ? 1.0 : weights[i];
            if (w == 0) continue;
            if (weights is not null) _sumLogWeights += Math.Log(w);
            int e = 0;
            for (int t = 0; t < terms.Count; t++)
            {
                var term = terms[t];
                int s = term.ColumnCount, first = _offset[t] + term.Code(i) * s;
                for (int j = 0; j < s; j++, e++) { index[e] = first + j; value[e] = term.Value(i, j); }
            }
            for (int e1 = 0; e1 < entries; e1++)
            {
                double wv = w * value[e1];
                int row = index[e1];
                for (int e2 = 0; e2 < entries; e2++) _a[row * _q + index[e2]] += wv * value[e2];
                for (int k = 0; k < _p; k++) _b[row * _p + k] += wv * xColumns[k][i];
                _zy[row] += wv * y[i];
            }
            for (int k = 0; k < _p; k++)
            {
                double wx = w * xColumns[k][i];
                for (int l = 0; l < _p; l++) _c[k * _p + l] += wx * xColumns[l][i];
                _xy[k] += wx * y[i];
            }
            _yy += w * y[i] * y[i];
        }
    }

    /// <summary>Number of covariance parameters.</summary>
    public int ThetaCount => _thetaOffset[_terms.Count];

    /// <summary>
    /// The criterion at <paramref name="theta"/>, with its gradient written to <paramref name="gradient"/>
    /// (+infinity, gradient untouched, where the system is not positive definite).
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int q = _q, p = _p, dim = q + p;
        var lambda = new double[q * q];
        for (int t = 0; t < _terms.Count; t++)
        {
            var term = _terms[t];
            int s = term.ColumnCount;
            var block = new double[s * s];
            term.FillLambda(theta.Slice(_thetaOffset[t], term.ThetaCount), block);
            for (int l = 0; l < term.LevelCount; l++)
            {
                int o = _offset[t] + l * s;
                for (int r = 0; r < s; r++)
                    for (int c = 0; c <= r; c++) lambda[(o + r) * q + o + c] = block[r * s + c];
            }
        }
        // h = [Lambda'A; B'] (dim x q); omega = [[Lambda'A Lambda + I, Lambda'B], [B'Lambda, C]].
        var h = new double[dim * q];
        var omega = new double[dim * dim];
        for (int a = 0; a < q; a++)
        {
            for (int m = 0; m < q; m++)
            {
                double lma = lambda[m * q + a];
                if (lma == 0) continue;
                for (int b = 0; b < q; b++) h[a * q + b] += lma * _a[m * q + b];
                for (int k = 0; k < p; k++) omega[a * dim + q + k] += lma * _b[m * p + k];
            }
        }
        for (int k = 0; k < p; k++)
            for (int b = 0; b < q; b++) h[(q + k) * q + b] = _b[b * p + k];
        for (int a = 0; a < q; a++)
        {
            for (int b = 0; b < q; b++)
            {
                double sum = 0;
                for (int m = 0; m < q; m++)
                {
                    double lmb = lambda[m * q + b];
                    if (lmb != 0) sum += h[a * q + m] * lmb;
                }
                omega[a * dim + b] = sum + (a == b ? 1 : 0);
            }
            for (int k = 0; k < p; k++) omega[(q + k) * dim + a] = omega[a * dim + q + k];
        }
        for (int k = 0; k < p; k++)
            for (int l = 0; l < p; l++) omega[(q + k) * dim + q + l] = _c[k * p + l];

        if (!DenseCholesky.Factor(omega, dim)) return double.PositiveInfinity;
        double logDetZ = 0, logDetX = 0;
        for (int i = 0; i < dim; i++)
            if (i < q) logDetZ += 2 * Math.Log(omega[i * dim + i]); else logDetX += 2 * Math.Log(omega[i * dim + i]);

        var rhs = new double[dim];
        for (int a = 0; a < q; a++)
        {
            double sum = 0;
            for (int m = 0; m < q; m++) sum += lambda[m * q + a] * _zy[m];
            rhs[a] = sum;
        }
        for (int k = 0; k < p; k++) rhs[q + k] = _xy[k];
        var solution = (double[])rhs.Clone();
        DenseCholesky.SolveLower(omega, dim, dim, solution);
        DenseCholesky.SolveLowerTransposed(omega, dim, dim, solution);
        double r2 = _yy;
        for (int i = 0; i < dim; i++) r2 -= rhs[i] * solution[i];

        bool reml = _method == EstimationMethod.Reml;
        int dof = reml ? _n - p : _n;
        double criterion = logDetZ + (reml ? logDetX : 0) + dof * (1 + Math.Log(2 * Math.PI * r2 / dof)) - _sumLogWeights;

        // S = inverse of the leading order-`order` block of omega (Lambda'A Lambda + I for ML, omega for REML).
        int order = reml ? dim : q;
        var linv = LowerInverse(omega, dim, order);
        var sInv = new double[order * order];
        for (int k = 0; k < order; k++)
        {
            var row = linv.AsSpan(k * order, k + 1);
            for (int a = 0; a <= k; a++)
            {
                double lka = row[a];
                if (lka == 0) continue;
                var target = sInv.AsSpan(a * order, a + 1);
                for (int b = 0; b <= a; b++) target[b] += lka * row[b];
            }
        }
        for (int a = 0; a < order; a++)
            for (int b = 0; b < a; b++) sInv[b * order + a] = sInv[a * order + b];
        var hT = new double[q * order];
        for (int m = 0; m < order; m++)
            for (int b = 0; b < q; b++) hT[b * order + m] = h[m * q + b];

        // v = Z'W y - A Lambda u - B beta.
        var v = (double[])_zy.Clone();
        var lu = new double[q];
        for (int m = 0; m < q; m++)
        {
            double sum = 0;
            for (int b = 0; b < q; b++) sum += lambda[m * q + b] * solution[b];
            lu[m] = sum;
        }
        for (int a = 0; a < q; a++)
        {
            double sum = 0;
            for (int m = 0; m < q; m++) sum += _a[a * q + m] * lu[m];
            for (int k = 0; k < p; k++) sum += _b[a * p + k] * solution[q + k];
            v[a] -= sum;
        }

        for (int t = 0; t < _terms.Count; t++)
        {
            var term = _terms[t];
            int s = term.ColumnCount, k = _thetaOffset[t];
            for (int c = 0; c < s; c++)
                for (int r = c; r < s; r++, k++)
                {
                    double trace = 0, rss = 0;
                    for (int l = 0; l < term.LevelCount; l++)
                    {
                        int ci = _offset[t] + l * s + c, ri = _offset[t] + l * s + r;
                        trace += Dot(sInv.AsSpan(ci * order, order), hT.AsSpan(ri * order, order));
                        rss += v[ri] * solution[ci];
                    }
                    gradient[k] = 2 * trace - 2 * dof * rss / r2;
                }
        }
        return criterion;
    }

    /// <summary>The inverse of the leading order x order block of the lower-triangular factor (row-major), row by row.</summary>
    private static double[] LowerInverse(double[] l, int n, int order)
    {
        var inv = new double[order * order];
        for (int i = 0; i < order; i++)
        {
            var row = inv.AsSpan(i * order, i + 1);
            row[i] = 1;
            for (int k = 0; k < i; k++)
            {
                double lik = l[i * n + k];
                if (lik == 0) continue;
                var source = inv.AsSpan(k * order, k + 1);
                for (int j = 0; j <= k; j++) row[j] -= lik * source[j];
            }
            double d = 1 / l[i * n + i];
            for (int j = 0; j <= i; j++) row[j] *= d;
        }
        return inv;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }
}
