using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The blocked Cholesky factor L of [Lambda'Z'WZ Lambda + I, ...; X y] for one theta, updated in place
/// (the buffers belong to this object; results handed out are copies).
/// Step 1 factors each level's s0 x s0 block of the first term and subtracts its rank-s0 contribution
/// from the dense block; step 2 scales the dense block by the later terms' lambda and adds I to their
/// diagonal; step 3 factors the dense block.
/// </summary>
internal sealed class BlockedCholeskyFactor
{
    private readonly BlockedCrossProducts _a;
    private readonly double[] _lambdas;      // per term, s x s row-major, concatenated
    private readonly int[] _lambdaOffsets;
    private readonly int[] _thetaOffsets;
    private readonly bool _restScalar;
    private readonly double[] _restScale;    // per dense index: the scalar lambda (1 for X and y)
    private readonly double[] _rowScratch;

    public BlockedCholeskyFactor(BlockedCrossProducts a)
    {
        _a = a;
        var terms = a.Terms;
        _lambdaOffsets = new int[terms.Count];
        _thetaOffsets = new int[terms.Count];
        int lo = 0, to = 0;
        for (int i = 0; i < terms.Count; i++)
        {
            _lambdaOffsets[i] = lo; lo += terms[i].ColumnCount * terms[i].ColumnCount;
            _thetaOffsets[i] = to; to += terms[i].ThetaCount;
        }
        ThetaCount = to;
        _lambdas = new double[lo];
        _restScalar = terms.Skip(1).All(t => t.ColumnCount == 1);
        _restScale = new double[a.M];
        _rowScratch = new double[terms.Max(t => t.ColumnCount)];
        L0 = new double[a.L0 * a.S0 * a.S0];
        B = a.LevelValues.Select(v => new double[v.Length]).ToArray();
        Dense = new double[a.M * a.M];
    }

    /// <summary>Number of theta parameters.</summary>
    public int ThetaCount { get; }

    /// <summary>The cross products this factor is computed from.</summary>
    public BlockedCrossProducts CrossProducts => _a;

    /// <summary>Per-level Cholesky factors of the first term's diagonal blocks (s0 x s0 each).</summary>
    public double[] L0 { get; }

    /// <summary>Per-level coupling blocks of L below the first term (rows as in LevelRows, s0 columns).</summary>
    public double[][] B { get; }

    /// <summary>The factored dense block (lower triangle, row-major M x M).</summary>
    public double[] Dense { get; }

    /// <summary>log |L_Z|^2: twice the sum of log diagonal over the random-effects part.</summary>
    public double LogDetZ { get; private set; }

    /// <summary>log |L_X|^2: twice the sum of log diagonal over the fixed-effects part.</summary>
    public double LogDetX { get; private set; }

    /// <summary>Penalized weighted residual sum of squares: the square of the last diagonal element.</summary>
    public double PenalizedRss { get; private set; }

    /// <summary>The lambda block (s x s, row-major lower triangular) of term i for the current theta.</summary>
    public ReadOnlySpan<double> Lambda(int term) =>
        _lambdas.AsSpan(_lambdaOffsets[term], _a.Terms[term].ColumnCount * _a.Terms[term].ColumnCount);

    /// <summary>Recomputes the factor for theta; false when a block is not positive definite.</summary>
    public bool Update(ReadOnlySpan<double> theta)
    {
        var terms = _a.Terms;
        for (int i = 0; i < terms.Count; i++)
            terms[i].FillLambda(theta.Slice(_thetaOffsets[i], terms[i].ThetaCount), _lambdas.AsSpan(_lambdaOffsets[i]));

        double logDetZ = 0;
        if (!FactorFirstTerm(ref logDetZ)) return false;
        if (_restScalar)
        {
            // copy, subtract the first term's contribution, scale and add I row by row while the row is in cache
            FillRestScale();
            if (RowsInParallel) Parallel.For(0, _a.M, ScalarRow);
            else for (int row = 0; row < _a.M; row++) ScalarRow(row);
        }
        else
        {
            Array.Copy(_a.Dense, Dense, Dense.Length);
            if (RowsInParallel) Parallel.For(0, _a.M, SubtractRow);
            else for (int row = 0; row < _a.M; row++) SubtractRow(row);
            ScaleDenseBlockGeneral();
        }
        ScaleCouplingRows();
        if (!DenseCholesky.Factor(Dense, _a.M)) return false;

        int m = _a.M, qr = _a.RestRandomEffects;
        for (int i = 0; i < qr; i++) logDetZ += 2 * Math.Log(Dense[i * m + i]);
        double logDetX = 0;
        for (int i = qr; i < m - 1; i++) logDetX += 2 * Math.Log(Dense[i * m + i]);
        double r = Dense[(m - 1) * m + m - 1];
        LogDetZ = logDetZ;
        LogDetX = logDetX;
        PenalizedRss = r * r;
        return true;
    }

    /// <summary>Factors each level's block of the first term and computes its coupling blocks B (unscaled by the later terms).</summary>
    private bool FactorFirstTerm(ref double logDet)
    {
        int s = _a.S0;
        if (s == 1) return FactorScalarFirstTerm(ref logDet);
        var lambda = Lambda(0).ToArray();
        Span<double> tmp = stackalloc double[s];
        for (int g = 0; g < _a.L0; g++)
        {
            var block = L0.AsSpan(g * s * s, s * s);
            SmallDense.CongruenceTransform(lambda, _a.Diagonal0.AsSpan(g * s * s, s * s), s, block, addIdentity: true);
            if (!SmallDense.Cholesky(block, s)) return false;
            for (int c = 0; c < s; c++) logDet += 2 * Math.Log(block[c * s + c]);

            var rows = _a.LevelRows[g];
            var vals = _a.LevelValues[g];
            var b = B[g];
            for (int e = 0; e < rows.Length; e++)
            {
                // b_e = L0^{-1} Lambda0' v_e
                for (int c = 0; c < s; c++)
                {
                    double v = 0;
                    for (int t = c; t < s; t++) v += lambda[t * s + c] * vals[e * s + t];
                    tmp[c] = v;
                }
                SmallDense.SolveLower(block, s, tmp);
                for (int c = 0; c < s; c++) b[e * s + c] = tmp[c];
            }
        }
        return true;
    }

    /// <summary><see cref="FactorFirstTerm"/> for a scalar first term: l_g = sqrt(lambda^2 d_g + 1), b_e = lambda v_e / l_g.</summary>
    private bool FactorScalarFirstTerm(ref double logDet)
    {
        double lambda = _lambdas[_lambdaOffsets[0]];
        var diagonal = _a.Diagonal0;
        for (int g = 0; g < _a.L0; g++)
        {
            double d = lambda * (diagonal[g] * lambda) + 1;
            if (!(d > 0)) return false;
            double l = Math.Sqrt(d);
            L0[g] = l;
            logDet += 2 * Math.Log(l);
            var vals = _a.LevelValues[g];
            var b = B[g];
            for (int e = 0; e < b.Length; e++) b[e] = lambda * vals[e] / l;
        }
        return true;
    }

    /// <summary>
    /// The coupling blocks were computed with the later terms unscaled (so the Schur complement could be formed
    /// before scaling); the factor's blocks are Lambda_R' B: apply it to the rows that belong to later terms.
    /// </summary>
    private void ScaleCouplingRows()
    {
        int s0 = _a.S0, qr = _a.RestRandomEffects;
        var terms = _a.Terms;
        if (_restScalar)
        {
            // _restScale holds each later random effect's lambda (filled before the dense rows were built)
            for (int g = 0; g < _a.L0; g++)
            {
                var rows = _a.LevelRows[g];
                var b = B[g];
                for (int e = 0; e < rows.Length && rows[e] < qr; e++)
                {
                    double lam = _restScale[rows[e]];
                    for (int c = 0; c < s0; c++) b[e * s0 + c] *= lam;
                }
            }
            return;
        }
        for (int g = 0; g < _a.L0; g++)
        {
            var rows = _a.LevelRows[g];
            var b = B[g];
            int e = 0;
            while (e < rows.Length && rows[e] < qr)
            {
                int ti = TermOfRestIndex(rows[e]);
                int s = terms[ti].ColumnCount;
                var lam = Lambda(ti);
                if (s == 1)
                {
                    for (int c = 0; c < s0; c++) b[e * s0 + c] *= lam[0];
                    e++;
                    continue;
                }
                // rows e .. e+s-1 are one level's block of a vector-valued term: apply Lambda'
                var tmp = _rowScratch;
                for (int c = 0; c < s0; c++)
                {
                    for (int a = 0; a < s; a++)
                    {
                        double v = 0;
                        for (int t = a; t < s; t++) v += lam[t * s + a] * b[(e + t) * s0 + c];
                        tmp[a] = v;
                    }
                    for (int a = 0; a < s; a++) b[(e + a) * s0 + c] = tmp[a];
                }
                e += s;
            }
        }
    }

    private int TermOfRestIndex(int index)
    {
        int ti = 1;
        while (ti + 1 < _a.Terms.Count && _a.RestOffsets[ti + 1] <= index) ti++;
        return ti;
    }

    /// <summary>
    /// Whether the dense rows are built in parallel. Dense block -= sum over levels g of B_g B_g' (lower triangle)
    /// is computed row by row: each row r gathers the products of its own occurrences with the earlier rows of the
    /// same level, so writes stay in one row.
    /// </summary>
    private bool RowsInParallel => _a.M >= 256 && _a.OccurrenceLevel.Length > 20000;

    /// <summary>Row r of the dense block for scalar later terms: copy from A, subtract, scale by lambda_r lambda_c, add I.</summary>
    private void ScalarRow(int r)
    {
        int m = _a.M;
        var row = Dense.AsSpan(r * m, r + 1);
        _a.Dense.AsSpan(r * m, r + 1).CopyTo(row);
        SubtractRow(r);
        var scale = _restScale.AsSpan(0, r + 1);
        double scaleR = _restScale[r];
        for (int c = 0; c < row.Length; c++) row[c] = row[c] * scale[c] * scaleR;
        if (r < _a.RestRandomEffects) row[r] += 1.0;
    }

    private void FillRestScale()
    {
        var terms = _a.Terms;
        Array.Fill(_restScale, 1.0);
        for (int i = 1; i < terms.Count; i++)
        {
            double lam = Lambda(i)[0];
            int off = _a.RestOffsets[i];
            for (int g = 0; g < terms[i].LevelCount; g++) _restScale[off + g] = lam;
        }
    }

    private void SubtractRow(int r)
    {
        if (_a.S0 == 1)
        {
            SubtractRowScalar(r);
            return;
        }
        int s = _a.S0, m = _a.M;
        var start = _a.OccurrenceStart;
        var levels = _a.OccurrenceLevel;
        var positions = _a.OccurrencePosition;
        var dense = Dense.AsSpan(r * m, r + 1);
        for (int k = start[r]; k < start[r + 1]; k++)
        {
            int g = levels[k], e = positions[k];
            var rows = _a.LevelRows[g];
            var b = B[g];
            for (int e2 = 0; e2 <= e; e2++)
            {
                double d = 0;
                for (int c = 0; c < s; c++) d += b[e * s + c] * b[e2 * s + c];
                dense[rows[e2]] -= d;
            }
        }
    }

    /// <summary>
    /// <see cref="SubtractRow"/> for a scalar first term: row r -= b_g[e] b_g[0..e] over the levels g in which it occurs,
    /// in that order; four columns at a time when the level's rows are consecutive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SubtractRowScalar(int r)
    {
        int m = _a.M;
        var start = _a.OccurrenceStart;
        var levels = _a.OccurrenceLevel;
        var positions = _a.OccurrencePosition;
        var levelRows = _a.LevelRows;
        var contiguous = _a.LevelRowsContiguous;
        var blocks = B;
        fixed (double* row = Dense.AsSpan(r * m, r + 1))
        {
            for (int k = start[r]; k < start[r + 1]; k++)
            {
                int g = levels[k], count = positions[k] + 1;
                var rows = levelRows[g];
                fixed (double* b = blocks[g])
                fixed (int* pr = rows)
                {
                    double scale = b[count - 1];
                    if (!contiguous[g])
                    {
                        for (int t = 0; t < count; t++) row[pr[t]] -= scale * b[t];
                        continue;
                    }
                    double* d = row + pr[0];
                    int i = 0;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        var s = Vector256.Create(scale);
                        for (; i + 4 <= count; i += 4) Vector256.Store(Vector256.Load(d + i) - s * Vector256.Load(b + i), d + i);
                    }
                    for (; i < count; i++) d[i] -= scale * b[i];
                }
            }
        }
    }

    /// <summary>Dense block := Lambda_R' Dense Lambda_R + I on the random-effects part, for vector-valued later terms.</summary>
    private void ScaleDenseBlockGeneral()
    {
        int m = _a.M;
        var terms = _a.Terms;
        // symmetrize, then rows := Lambda' rows and columns := columns Lambda, blockwise per level
        for (int i = 0; i < m; i++)
            for (int j = 0; j < i; j++) Dense[j * m + i] = Dense[i * m + j];
        var col = new double[m];
        for (int ti = 1; ti < terms.Count; ti++)
        {
            int s = terms[ti].ColumnCount;
            var lam = Lambda(ti);
            for (int g = 0; g < terms[ti].LevelCount; g++)
            {
                int r0 = _a.RestOffsets[ti] + g * s;
                // rows r0..r0+s-1 := Lambda' * rows
                for (int j = 0; j < m; j++)
                {
                    for (int a = 0; a < s; a++)
                    {
                        double v = 0;
                        for (int t = a; t < s; t++) v += lam[t * s + a] * Dense[(r0 + t) * m + j];
                        col[a] = v;
                    }
                    for (int a = 0; a < s; a++) Dense[(r0 + a) * m + j] = col[a];
                }
                // columns r0..r0+s-1 := columns * Lambda
                for (int i = 0; i < m; i++)
                {
                    int ri = i * m;
                    for (int a = 0; a < s; a++)
                    {
                        double v = 0;
                        for (int t = a; t < s; t++) v += Dense[ri + r0 + t] * lam[t * s + a];
                        col[a] = v;
                    }
                    for (int a = 0; a < s; a++) Dense[ri + r0 + a] = col[a];
                }
            }
        }
        for (int i = 0; i < _a.RestRandomEffects; i++) Dense[i * m + i] += 1.0;
    }
}
