using MixedEffects.Design;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// Blocked cross products [Z X z]'W[Z X z] whose values are recomputed in place for new working weights and a new
/// working response (one penalized iteratively reweighted least-squares step). The sparsity pattern depends only
/// on the model matrices, so it is found once; each refill is a single pass over the observations writing into
/// precomputed positions. Owns its <see cref="BlockedCrossProducts"/> and factor; not thread-safe.
/// </summary>
internal sealed class GlmmCrossProducts
{
    private readonly IReadOnlyList<RandomEffectsTerm> _terms;
    private readonly IReadOnlyList<double[]> _x;
    private readonly int[] _levelOf;       // level of the first term per observation
    private readonly int[] _positions;     // per observation and entry: position in LevelRows[level]
    private readonly int[] _indices;       // per observation and entry: index in the dense block
    private readonly double[] _values;     // per observation and entry: model-matrix value (the response slot is 0)
    private readonly int _entries;
    private readonly double[] _rowValues;
    private readonly bool _scalar;
    private readonly double[] _indexScale;
    private readonly double[] _couplingBuffer;
    private double[]? _scaleTheta;

    public GlmmCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, int n)
    {
        _terms = terms;
        _x = xColumns;
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        Products = new BlockedCrossProducts(terms, xColumns, ones, null);
        Factor = new BlockedCholeskyFactor(Products);
        var a = Products;
        _entries = terms.Skip(1).Sum(t => t.ColumnCount) + a.P + 1;
        _levelOf = terms[0].Codes.ToArray();
        _positions = new int[n * _entries];
        _indices = new int[n * _entries];
        _values = new double[n * _entries];
        _rowValues = new double[_entries];
        _scalar = terms.All(t => t.ColumnCount == 1);
        _indexScale = new double[a.M];
        _couplingBuffer = new double[a.LevelRows.Select(r => r.Length).DefaultIfEmpty(0).Max() * a.S0];
        for (int r = 0; r < n; r++)
        {
            int e = 0, o = r * _entries;
            for (int i = 1; i < terms.Count; i++)
            {
                var t = terms[i];
                int s = t.ColumnCount, b = a.RestOffsets[i] + t.Code(r) * s;
                for (int c = 0; c < s; c++) { _indices[o + e] = b + c; _values[o + e] = t.Value(r, c); e++; }
            }
            for (int j = 0; j < a.P; j++) { _indices[o + e] = a.RestRandomEffects + j; _values[o + e] = xColumns[j][r]; e++; }
            _indices[o + e] = a.M - 1;
            e++;
            var rows = a.LevelRows[_levelOf[r]];
            for (int k = 0; k < _entries; k++) _positions[o + k] = Array.BinarySearch(rows, _indices[o + k]);
        }
    }

    /// <summary>The cross products (values change with every <see cref="Refill"/>).</summary>
    public BlockedCrossProducts Products { get; }

    /// <summary>The factor of the current cross products (call <see cref="BlockedCholeskyFactor.Update"/> after a refill).</summary>
    public BlockedCholeskyFactor Factor { get; }

    /// <summary>Recomputes the cross products for working weights <paramref name="w"/> and working response <paramref name="z"/>.</summary>
    public void Refill(ReadOnlySpan<double> w, ReadOnlySpan<double> z)
    {
        var a = Products;
        int s0 = a.S0, m = a.M, ne = _entries;
        var first = _terms[0];
        var diag = a.Diagonal0;
        var dense = a.Dense;
        Array.Clear(diag);
        Array.Clear(dense);
        foreach (var v in a.LevelValues) Array.Clear(v);
        var rv = _rowValues;
        int n = w.Length;
        if (s0 == 1)
        {
            for (int r = 0; r < n; r++)
            {
                double wr = w[r];
                if (wr == 0) continue;
                int o = r * ne, g = _levelOf[r];
                double z0 = first.Value(r, 0);
                diag[g] += wr * z0 * z0;
                for (int k = 0; k < ne - 1; k++) rv[k] = _values[o + k];
                rv[ne - 1] = z[r];
                var lv = a.LevelValues[g];
                double wz0 = wr * z0;
                for (int k = 0; k < ne; k++)
                {
                    double wv = wr * rv[k];
                    lv[_positions[o + k]] += wz0 * rv[k];
                    int rowBase = _indices[o + k] * m;
                    for (int k2 = 0; k2 <= k; k2++) dense[rowBase + _indices[o + k2]] += wv * rv[k2];
                }
            }
            return;
        }
        var z0v = new double[s0];
        for (int r = 0; r < n; r++)
        {
            double wr = w[r];
            if (wr == 0) continue;
            int o = r * ne, g = _levelOf[r];
            for (int c = 0; c < s0; c++) z0v[c] = first.Value(r, c);
            var d0 = diag.AsSpan(g * s0 * s0, s0 * s0);
            for (int p = 0; p < s0; p++)
                for (int q = 0; q < s0; q++) d0[p * s0 + q] += wr * z0v[p] * z0v[q];
            for (int k = 0; k < ne - 1; k++) rv[k] = _values[o + k];
            rv[ne - 1] = z[r];
            var lv = a.LevelValues[g];
            for (int k = 0; k < ne; k++)
            {
                double wv = wr * rv[k];
                int pos = _positions[o + k] * s0;
                for (int c = 0; c < s0; c++) lv[pos + c] += wv * z0v[c];
                int rowBase = _indices[o + k] * m;
                for (int k2 = 0; k2 <= k; k2++) dense[rowBase + _indices[o + k2]] += wv * rv[k2];
            }
        }
    }

    /// <summary>
    /// The coupling block of L below level <paramref name="g"/> of the first term, L0_g^-1 Lambda0' V_g Lambda_R (rows as in
    /// <see cref="BlockedCrossProducts.LevelRows"/>, s0 columns), computed from the cross products and the factor's
    /// diagonal block so that it includes the later terms' lambda.
    /// </summary>
    public double[] Coupling(int g, ReadOnlySpan<double> theta)
    {
        var a = Products;
        int s0 = a.S0;
        var rows = a.LevelRows[g];
        var vals = a.LevelValues[g];
        var scaled = new double[vals.Length];
        // V_g Lambda_R: rows of later terms mix within their level block; X and y rows are unchanged
        int e = 0;
        while (e < rows.Length)
        {
            int idx = rows[e];
            int term = RestTermOf(idx);
            if (term < 0)
            {
                for (int c = 0; c < s0; c++) scaled[e * s0 + c] = vals[e * s0 + c];
                e++;
                continue;
            }
            var t = _terms[term];
            int s = t.ColumnCount;
            var lam = new double[s * s];
            t.FillLambda(theta.Slice(ThetaOffset(term), t.ThetaCount), lam);
            // rows e .. e+s-1 are the s columns of one level of this term
            for (int col = 0; col < s; col++)
                for (int c = 0; c < s0; c++)
                {
                    double v = 0;
                    for (int r = col; r < s; r++) v += vals[(e + r) * s0 + c] * lam[r * s + col];
                    scaled[(e + col) * s0 + c] = v;
                }
            e += s;
        }
        var lambda0 = Factor.Lambda(0);
        var l0 = Factor.L0.AsSpan(g * s0 * s0, s0 * s0);
        var tmp = new double[s0];
        var result = new double[vals.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            for (int c = 0; c < s0; c++)
            {
                double v = 0;
                for (int r = c; r < s0; r++) v += lambda0[r * s0 + c] * scaled[k * s0 + r];
                tmp[c] = v;
            }
            SmallDense.SolveLower(l0, s0, tmp);
            for (int c = 0; c < s0; c++) result[k * s0 + c] = tmp[c];
        }
        return result;
    }

    /// <summary><see cref="Coupling"/> when every term is scalar: lambda0 v lambda_r / L0_g, into a reused buffer.</summary>
    private double[] ScalarCoupling(int g, ReadOnlySpan<double> theta)
    {
        var a = Products;
        if (_scaleTheta is null || !theta.SequenceEqual(_scaleTheta))
        {
            _scaleTheta = theta.ToArray();
            Array.Fill(_indexScale, 1.0);
            for (int i = 1; i < _terms.Count; i++)
            {
                int off = a.RestOffsets[i];
                for (int h = 0; h < _terms[i].LevelCount; h++) _indexScale[off + h] = theta[i];
            }
        }
        var rows = a.LevelRows[g];
        var vals = a.LevelValues[g];
        double factor = theta[0] / Factor.L0[g];
        var result = _couplingBuffer;
        for (int e = 0; e < rows.Length; e++) result[e] = factor * vals[e] * _indexScale[rows[e]];
        return result;
    }

    private int RestTermOf(int index)
    {
        var a = Products;
        if (index >= a.RestRandomEffects) return -1;
        for (int i = _terms.Count - 1; i >= 1; i--)
            if (index >= a.RestOffsets[i]) return i;
        return -1;
    }

    private int ThetaOffset(int term)
    {
        int o = 0;
        for (int i = 0; i < term; i++) o += _terms[i].ThetaCount;
        return o;
    }

    /// <summary>
    /// Solves the penalized least-squares problem from the current factor: the spherical random effects u
    /// (all terms, concatenated in term order, level-major) and the fixed effects (when X is part of the products).
    /// </summary>
    public void Solve(ReadOnlySpan<double> theta, double[] u, double[] beta)
    {
        var a = Products;
        var f = Factor;
        int m = a.M, qr = a.RestRandomEffects, p = a.P, s0 = a.S0;
        var x = new double[m - 1];
        for (int j = 0; j < m - 1; j++) x[j] = f.Dense[(m - 1) * m + j];
        DenseCholesky.SolveLowerTransposed(f.Dense, m, m - 1, x);
        for (int j = 0; j < p; j++) beta[j] = x[qr + j];
        var c = new double[s0];
        for (int g = 0; g < a.L0; g++)
        {
            Array.Clear(c);
            var rows = a.LevelRows[g];
            var b = qr == 0 ? f.B[g] : _scalar ? ScalarCoupling(g, theta) : Coupling(g, theta);
            for (int e = 0; e < rows.Length; e++)
            {
                if (rows[e] == m - 1)
                    for (int k = 0; k < s0; k++) c[k] += b[e * s0 + k];
                else
                    for (int k = 0; k < s0; k++) c[k] -= b[e * s0 + k] * x[rows[e]];
            }
            SmallDense.SolveLowerTransposed(f.L0.AsSpan(g * s0 * s0, s0 * s0), s0, c);
            for (int k = 0; k < s0; k++) u[g * s0 + k] = c[k];
        }
        int q0 = a.L0 * s0;
        for (int j = 0; j < qr; j++) u[q0 + j] = x[j];
    }
}
