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
    private readonly int _restEntries;     // leading entries of each observation that belong to later terms
    private readonly int[] _fixedIndices;  // dense index of the trailing entries (X columns, then the response)
    private readonly double[] _fixedBlock; // their cross products, accumulated apart from the dense block
    private readonly double[] _firstValues;
    private readonly int[] _levelStarts;   // scalar first term: offset of each level's values in _levelFlat
    private readonly int[] _flatPositions; // scalar first term: per observation and entry, position in _levelFlat
    private readonly double[] _levelFlat;  // scalar first term: all levels' coupling values, level after level
    private readonly double[] _rowValues;
    private readonly bool _scalar;
    private readonly double[] _indexScale;
    private double[]? _scaleTheta;

    public GlmmCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, int n)
    {
        _terms = terms;
        _x = xColumns;
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        Products = new BlockedCrossProducts(terms, xColumns, ones, null);
        Factor = new BlockedCholeskyFactor(Products);
        var a = Products;
        _restEntries = terms.Skip(1).Sum(t => t.ColumnCount);
        _entries = _restEntries + a.P + 1;
        int fixedCount = a.P + 1;
        _fixedIndices = new int[fixedCount];
        for (int j = 0; j < a.P; j++) _fixedIndices[j] = a.RestRandomEffects + j;
        _fixedIndices[a.P] = a.M - 1;
        _fixedBlock = new double[fixedCount * fixedCount];
        _firstValues = new double[n];
        if (terms[0].ColumnCount == 1) for (int r = 0; r < n; r++) _firstValues[r] = terms[0].Value(r, 0);
        _levelOf = terms[0].Codes.ToArray();
        _positions = new int[n * _entries];
        _indices = new int[n * _entries];
        _values = new double[n * _entries];
        _rowValues = new double[_entries];
        _scalar = terms.All(t => t.ColumnCount == 1);
        _indexScale = new double[a.M];
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
        _levelStarts = new int[a.L0 + 1];
        if (a.S0 == 1)
        {
            for (int g = 0; g < a.L0; g++) _levelStarts[g + 1] = _levelStarts[g] + a.LevelValues[g].Length;
            _flatPositions = new int[n * _entries];
            for (int r = 0; r < n; r++)
                for (int k = 0; k < _entries; k++)
                    _flatPositions[r * _entries + k] = _levelStarts[_levelOf[r]] + _positions[r * _entries + k];
        }
        else _flatPositions = [];
        _levelFlat = new double[_levelStarts[a.L0]];
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
            RefillScalarFirstTerm(w, z);
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
    /// <see cref="Refill"/> for a scalar first term. Every entry of the products is accumulated over the observations
    /// in their order, as one pass would; the products among X and the response, whose dense positions are the same
    /// for every observation, are accumulated in a small contiguous block and added at the end.
    /// </summary>
    private unsafe void RefillScalarFirstTerm(ReadOnlySpan<double> w, ReadOnlySpan<double> z)
    {
        var a = Products;
        int m = a.M, ne = _entries, nr = _restEntries, nf = ne - nr, n = w.Length;
        if (z.Length < n) throw new ArgumentException("the working response is shorter than the weights", nameof(z));
        Array.Clear(_fixedBlock);
        Array.Clear(_levelFlat);
        fixed (double* dense = a.Dense, diag = a.Diagonal0, values = _values, fb = _fixedBlock, rv = _rowValues,
            first = _firstValues, flat = _levelFlat, pw = w, pz = z)
        fixed (int* flatPositions = _flatPositions, indices = _indices, levelOf = _levelOf)
        {
            if (nr == 1 && nf == 1)
            {
                // one scalar later term and no X (the conditional problem of two crossed intercepts); the sums of
                // the later term's level are kept in registers while consecutive observations share it
                double* zRow = dense + (m - 1) * m;
                int current = -1;
                double sumVV = 0, sumZV = 0, sumZZ = 0;
                for (int r = 0; r < n; r++)
                {
                    double wr = pw[r];
                    if (wr == 0) continue;
                    int o = 2 * r;
                    double z0 = first[r], v0 = values[o], zr = pz[r];
                    diag[levelOf[r]] += wr * z0 * z0;
                    double wz0 = wr * z0;
                    flat[flatPositions[o]] += wz0 * v0;
                    flat[flatPositions[o + 1]] += wz0 * zr;
                    int i0 = indices[o];
                    if (i0 != current)
                    {
                        if (current >= 0) { dense[current * m + current] = sumVV; zRow[current] = sumZV; }
                        current = i0;
                        sumVV = dense[i0 * m + i0];
                        sumZV = zRow[i0];
                    }
                    sumVV += wr * v0 * v0;
                    double wz = wr * zr;
                    sumZV += wz * v0;
                    sumZZ += wz * zr;
                }
                if (current >= 0) { dense[current * m + current] = sumVV; zRow[current] = sumZV; }
                fb[0] += sumZZ;
            }
            else
            {
                for (int r = 0; r < n; r++)
                {
                    double wr = pw[r];
                    if (wr == 0) continue;
                    int o = r * ne;
                    double z0 = first[r];
                    diag[levelOf[r]] += wr * z0 * z0;
                    double* vals = values + o;
                    for (int k = 0; k < ne - 1; k++) rv[k] = vals[k];
                    rv[ne - 1] = pz[r];
                    double wz0 = wr * z0;
                    int* pos = flatPositions + o;
                    for (int k = 0; k < ne; k++) flat[pos[k]] += wz0 * rv[k];
                    int* idx = indices + o;
                    for (int k = 0; k < nr; k++)
                    {
                        double wv = wr * rv[k];
                        double* row = dense + idx[k] * m;
                        for (int k2 = 0; k2 <= k; k2++) row[idx[k2]] += wv * rv[k2];
                    }
                    double* rvf = rv + nr;
                    for (int k = 0; k < nf; k++)
                    {
                        double wv = wr * rvf[k];
                        double* row = dense + idx[nr + k] * m;
                        for (int k2 = 0; k2 < nr; k2++) row[idx[k2]] += wv * rv[k2];
                        double* fbRow = fb + k * nf;
                        for (int k2 = 0; k2 <= k; k2++) fbRow[k2] += wv * rvf[k2];
                    }
                }
            }
            for (int k = 0; k < nf; k++)
                for (int k2 = 0; k2 <= k; k2++) dense[_fixedIndices[k] * m + _fixedIndices[k2]] += fb[k * nf + k2];
        }
        for (int g = 0; g < a.L0; g++)
            Array.Copy(_levelFlat, _levelStarts[g], a.LevelValues[g], 0, _levelStarts[g + 1] - _levelStarts[g]);
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
        if (_scalar && qr > 0)
        {
            SolveScalarModes(theta, x, u);
        }
        else
        {
            SolveModes(theta, x, u);
        }
        int q0 = a.L0 * s0;
        for (int j = 0; j < qr; j++) u[q0 + j] = x[j];
    }

    /// <summary>The first term's modes from the fixed and later solutions <paramref name="x"/> (general blocks).</summary>
    private void SolveModes(ReadOnlySpan<double> theta, double[] x, double[] u)
    {
        var a = Products;
        var f = Factor;
        int m = a.M, qr = a.RestRandomEffects, s0 = a.S0;
        var c = new double[s0];
        for (int g = 0; g < a.L0; g++)
        {
            Array.Clear(c);
            var rows = a.LevelRows[g];
            var b = qr == 0 ? f.B[g] : Coupling(g, theta);
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
    }

    /// <summary>
    /// <see cref="SolveModes"/> when every term is scalar: the coupling entries lambda0 v lambda_r / l_g (<see cref="Coupling"/>
    /// for scalar terms) are formed on the fly.
    /// </summary>
    private void SolveScalarModes(ReadOnlySpan<double> theta, double[] x, double[] u)
    {
        var a = Products;
        var l0 = Factor.L0;
        int m = a.M;
        UpdateIndexScale(theta);
        var scale = _indexScale;
        double lambda0 = theta[0];
        for (int g = 0; g < a.L0; g++)
        {
            var rows = a.LevelRows[g];
            var vals = a.LevelValues[g];
            double factor = lambda0 / l0[g];
            double c = 0;
            for (int e = 0; e < rows.Length; e++)
            {
                int row = rows[e];
                double b = factor * vals[e] * scale[row];
                if (row == m - 1) c += b;
                else c -= b * x[row];
            }
            u[g] = c / l0[g];
        }
    }

    /// <summary>Fills the per-index lambda of the later scalar terms (1 for X and the response) when theta changed.</summary>
    private void UpdateIndexScale(ReadOnlySpan<double> theta)
    {
        if (_scaleTheta is not null && theta.SequenceEqual(_scaleTheta)) return;
        var a = Products;
        _scaleTheta = theta.ToArray();
        Array.Fill(_indexScale, 1.0);
        for (int i = 1; i < _terms.Count; i++)
        {
            int off = a.RestOffsets[i];
            for (int h = 0; h < _terms[i].LevelCount; h++) _indexScale[off + h] = theta[i];
        }
    }
}
