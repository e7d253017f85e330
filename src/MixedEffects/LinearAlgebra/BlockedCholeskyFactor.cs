using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The blocked Cholesky factor L of [Lambda'Z'WZ Lambda + I, ...; X y] for one theta, updated in place from its
/// <see cref="BlockedCrossProducts"/> (see <see cref="FactorLayout"/> for the block structure). Its storage is private;
/// it offers what the models need: the log-determinants, the penalized residual sum of squares, the solution
/// (conditional modes and fixed effects), the unscaled fixed-effects covariance and the conditional covariances.
/// Step 1 eliminates the sparse front supernode by supernode (their coupling to the dense block kept unscaled by the
/// dense terms' lambda); step 2 subtracts the front's contribution from the dense block row by row, scales it by the
/// dense terms' lambda and adds I; step 3 factors the dense block. Not thread-safe.
/// </summary>
internal sealed class BlockedCholeskyFactor
{
    private readonly BlockedCrossProducts _a;
    private readonly FactorLayout _l;
    private readonly double[] _lambdas;      // per term, s x s row-major, concatenated
    private readonly int[] _lambdaOffsets;
    private readonly int[] _thetaOffsets;
    private readonly int[] _termOfSupernode;
    private readonly bool _restScalar;
    private readonly double[] _restScale;    // per dense index: the scalar lambda (1 for X and y)
    private readonly double[] _rowScratch;
    private readonly double[] _diag;         // L's diagonal blocks of the front
    private readonly BlockValues _front;     // L's front coupling rows per supernode
    private readonly BlockValues _b;         // L's dense coupling rows per supernode
    private readonly int[] _termOfRestIndex;  // per dense random effect: its term
    private readonly BlockValues? _bTransposed; // the same, column by column (vector-valued front, large dense block only)
    private readonly double[] _dense;        // the factored dense block
    private readonly BlockedDenseCholesky _denseCholesky;
    private bool? _tracesApply;
    private InverseDiagonalTraces? _traces;     // made at the first gradient that uses it
    private readonly double[] _supernodeScale; // per front supernode: lambda / L_kk (for the compact coupling)
    private CountCoupling? _countCoupling;
    private int _countCouplingVersion = -1;   // the cross products' version it was built (or refused) for
    // the selected inversion's work storage, made at its first use and kept across evaluations
    private double[]? _gradientEffects;
    private double[]? _gradientBeta;
    private SelectedInverse? _gradientInverse;
    private ProfiledCriterionGradient? _gradient;

    internal BlockedCholeskyFactor(BlockedCrossProducts a)
    {
        _a = a;
        _l = a.Layout;
        var terms = _l.Terms;
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
        _termOfSupernode = new int[_l.SupernodeCount];
        for (int i = 0; i < _l.FrontTermCount; i++)
            Array.Fill(_termOfSupernode, i, _l.SupernodeOffsets[i], terms[i].LevelCount);
        _restScalar = terms.Skip(_l.FrontTermCount).All(t => t.ColumnCount == 1);
        _restScale = new double[_l.M];
        _rowScratch = new double[terms.Select(t => t.ColumnCount).DefaultIfEmpty(0).Max()];
        _diag = new double[a.Diagonal.Length];
        _front = a.FrontValues.Empty();
        _b = a.DenseValues.Empty();
        _termOfRestIndex = new int[_l.RestRandomEffects];
        for (int i = _l.FrontTermCount; i < terms.Count; i++)
            Array.Fill(_termOfRestIndex, i, _l.RestOffsets[i], terms[i].RandomEffectCount);
        _bTransposed = _l.AllScalarFront || SupernodeMajor ? null : a.DenseValues.Empty();
        _dense = new double[_l.M * _l.M];
        _denseCholesky = new BlockedDenseCholesky(_l.M);
        _supernodeScale = new double[_l.SupernodeCount];
    }

    /// <summary>Number of theta parameters.</summary>
    public int ThetaCount { get; }

    /// <summary>Whether the last update formed the Schur complement from the compact count coupling.</summary>
    internal bool UsesCountCoupling => _countCoupling is not null && RowsInParallel;

    /// <summary>The cross products this factor is computed from.</summary>
    public BlockedCrossProducts CrossProducts => _a;

    /// <summary>log |L_Z|^2: twice the sum of log diagonal over the random-effects part.</summary>
    public double LogDetZ { get; private set; }

    /// <summary>log |L_X|^2: twice the sum of log diagonal over the fixed-effects part.</summary>
    public double LogDetX { get; private set; }

    /// <summary>Penalized weighted residual sum of squares: the square of the last diagonal element.</summary>
    public double PenalizedRss { get; private set; }

    /// <summary>The lambda block (s x s, row-major lower triangular) of term i for the current theta.</summary>
    public ReadOnlySpan<double> Lambda(int term) =>
        _lambdas.AsSpan(_lambdaOffsets[term], _l.Terms[term].ColumnCount * _l.Terms[term].ColumnCount);

    /// <summary>The diagonal element of L for random effect <paramref name="index"/> of a scalar front term.</summary>
    public double FrontDiagonal(int index)
    {
        int k = _l.SupernodeOfColumn[index], s = _l.Width[k], o = index - _l.ColumnStart[k];
        return _diag[_l.DiagonalOffset[k] + o * s + o];
    }

    /// <summary>Recomputes the factor for theta; false when a block is not positive definite.</summary>
    public bool Update(ReadOnlySpan<double> theta)
    {
        var terms = _l.Terms;
        for (int i = 0; i < terms.Count; i++)
            terms[i].FillLambda(theta.Slice(_thetaOffsets[i], terms[i].ThetaCount), _lambdas.AsSpan(_lambdaOffsets[i]));

        double logDetZ = 0;
        ScaleFront();
        if (!EliminateFront(ref logDetZ)) return false;
        PrepareCountCoupling();
        int m = _l.M;
        if (SupernodeMajor)
        {
            if (_restScalar) FillRestScale();
            for (int row = 0; row < m; row++) _a.Dense.AsSpan(row * m, row + 1).CopyTo(_dense.AsSpan(row * m, row + 1));
            SubtractSupernodes();
            if (_restScalar) for (int row = 0; row < m; row++) ScaleScalarRow(row);
            else ScaleDenseBlockGeneral();
        }
        else if (_restScalar)
        {
            if (!_l.AllScalarFront) TransposeCouplingRows();
            // copy, subtract the front's contribution, scale and add I row by row while the row is in cache
            FillRestScale();
            if (RowsInParallel) Parallel.For(0, m, ScalarRow);
            else for (int row = 0; row < m; row++) ScalarRow(row);
        }
        else
        {
            if (!_l.AllScalarFront) TransposeCouplingRows();
            Array.Copy(_a.Dense, _dense, _dense.Length);
            if (RowsInParallel) Parallel.For(0, m, SubtractRow);
            else for (int row = 0; row < m; row++) SubtractRow(row);
            ScaleDenseBlockGeneral();
        }
        ScaleCouplingRows();
        if (!_denseCholesky.Factor(_dense, m)) return false;

        int qr = _l.RestRandomEffects;
        for (int i = 0; i < qr; i++) logDetZ += 2 * Math.Log(_dense[i * m + i]);
        double logDetX = 0;
        for (int i = qr; i < m - 1; i++) logDetX += 2 * Math.Log(_dense[i * m + i]);
        double r = _dense[(m - 1) * m + m - 1];
        LogDetZ = logDetZ;
        LogDetX = logDetX;
        PenalizedRss = r * r;
        return true;
    }

    /// <summary>
    /// Copies the front's cross products scaled by lambda on the front side: diagonal blocks Lambda_j' A Lambda_j + I,
    /// front coupling Lambda_t' A Lambda_j, dense coupling A Lambda_j (the dense side is scaled after elimination).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ScaleFront()
    {
        var width = _l.Width;
        var diagonalOffset = _l.DiagonalOffset;
        var frontRows = _l.FrontRows;
        var supernodeOfColumn = _l.SupernodeOfColumn;
        var aDenseValues = _a.DenseValues;
        var aFrontValues = _a.FrontValues;
        double* tmp = stackalloc double[_rowScratch.Length * _rowScratch.Length];
        double* scratch = stackalloc double[_rowScratch.Length];
        fixed (double* diag = _diag, aDiag = _a.Diagonal, lambdas = _lambdas)
        {
            for (int k = 0; k < width.Length; k++)
            {
                int j = _termOfSupernode[k], s = width[k], d0 = diagonalOffset[k];
                double* lam = lambdas + _lambdaOffsets[j];
                var rows = frontRows[k];
                fixed (double* aDense = aDenseValues[k], b = _b[k])
                {
                    int nb = _b[k].Length;
                    if (s == 1)
                    {
                        double lj = lam[0];
                        diag[d0] = lj * (aDiag[d0] * lj) + 1;
                        for (int e = 0; e < nb; e++) b[e] = lj * aDense[e];
                    }
                    else
                    {
                        SmallDense.CongruenceTransform(lam, aDiag + d0, s, diag + d0, tmp, addIdentity: true);
                        for (int e = 0; e < nb; e += s) SmallDense.RightMultiplyLower(aDense + e, lam, s, b + e);
                    }
                }
                if (rows.Length == 0) continue;
                fixed (double* aFront = aFrontValues[k], f = _front[k])
                {
                    for (int e = 0; e < rows.Length; e++) SmallDense.RightMultiplyLower(aFront + e * s, lam, s, f + e * s);
                    int g = 0;
                    while (g < rows.Length)
                    {
                        int kt = supernodeOfColumn[rows[g]], st = width[kt];
                        LeftMultiplyTransposed(lambdas + _lambdaOffsets[_termOfSupernode[kt]], st, f + g * s, s, scratch);
                        g += st;
                    }
                }
            }
        }
    }

    /// <summary>rows := Lambda' rows for st rows of width s (Lambda st x st lower triangular), with st doubles of scratch.</summary>
    private static unsafe void LeftMultiplyTransposed(double* lam, int st, double* rows, int s, double* tmp)
    {
        if (st == 1)
        {
            double l = lam[0];
            for (int c = 0; c < s; c++) rows[c] *= l;
            return;
        }
        for (int c = 0; c < s; c++)
        {
            for (int a = 0; a < st; a++)
            {
                double v = 0;
                for (int t = a; t < st; t++) v += lam[t * st + a] * rows[t * s + c];
                tmp[a] = v;
            }
            for (int a = 0; a < st; a++) rows[a * s + c] = tmp[a];
        }
    }

    /// <summary>Factors each supernode's diagonal block, solves its coupling rows and updates the later supernodes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe bool EliminateFront(ref double logDet)
    {
        var width = _l.Width;
        var diagonalOffset = _l.DiagonalOffset;
        fixed (double* diag = _diag)
        {
            for (int k = 0; k < width.Length; k++)
            {
                int s = width[k];
                double* block = diag + diagonalOffset[k];
                var fk = _front[k];
                var bk = _b[k];
                fixed (double* f = fk, b = bk)
                {
                    if (s == 1)
                    {
                        double d = block[0];
                        if (!(d > 0)) return false;
                        double l = Math.Sqrt(d);
                        block[0] = l;
                        logDet += 2 * Math.Log(l);
                        for (int e = 0; e < fk.Length; e++) f[e] /= l;
                        for (int e = 0; e < bk.Length; e++) b[e] /= l;
                    }
                    else
                    {
                        if (!SmallDense.Cholesky(block, s)) return false;
                        for (int c = 0; c < s; c++) logDet += 2 * Math.Log(block[c * s + c]);
                        for (int e = 0; e < fk.Length; e += s) SmallDense.SolveLower(block, s, f + e);
                        for (int e = 0; e < bk.Length; e += s) SmallDense.SolveLower(block, s, b + e);
                    }
                    if (fk.Length > 0) UpdateLater(k, s, f, b, bk.Length / s, diag);
                }
            }
        }
        return true;
    }

    /// <summary>Subtracts supernode k's rank-s contribution from the blocks of its front rows' supernodes.</summary>
    private unsafe void UpdateLater(int k, int s, double* f, double* b, int nd, double* diag)
    {
        var rows = _l.FrontRows[k];
        var targets = _l.UpdateTargets[k];
        var supernodeOfColumn = _l.SupernodeOfColumn;
        int t = 0, nf = rows.Length;
        for (int ia = 0; ia < nf; ia++)
        {
            int ka = supernodeOfColumn[rows[ia]];
            double* ra = f + ia * s;
            fixed (double* frontA = _front[ka], denseA = _b[ka])
            {
                for (int ib = ia; ib < nf; ib++) Apply(targets[t++], diag, frontA, denseA, SmallDense.Dot(ra, f + ib * s, s));
                for (int id = 0; id < nd; id++) Apply(targets[t++], diag, frontA, denseA, SmallDense.Dot(ra, b + id * s, s));
            }
        }
    }

    /// <summary>Subtracts a value at an encoded update target (see <see cref="FactorLayout.UpdateTargets"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Apply(int code, double* diag, double* front, double* dense, double value)
    {
        int index = code / 3;
        switch (code - 3 * index)
        {
            case 0: diag[index] -= value; break;
            case 1: front[index] -= value; break;
            default: dense[index] -= value; break;
        }
    }

    /// <summary>
    /// The dense coupling rows were computed with the dense terms unscaled (so the Schur complement could be formed
    /// before scaling); the factor's blocks are Lambda_R' B: apply it to the rows that belong to dense terms.
    /// </summary>
    private unsafe void ScaleCouplingRows()
    {
        int qr = _l.RestRandomEffects;
        if (qr == 0) return;   // no dense terms: nothing to scale
        var terms = _l.Terms;
        double* tmp = stackalloc double[_rowScratch.Length];
        for (int k = 0; k < _l.SupernodeCount; k++)
        {
            int s0 = _l.Width[k];
            var rows = _l.DenseRows[k];
            fixed (double* b = _b[k])
            fixed (double* lambdas = _lambdas)
            {
                int e = 0;
                while (e < rows.Length && rows[e] < qr)
                {
                    if (_restScalar)
                    {
                        double lam = _restScale[rows[e]];
                        for (int c = 0; c < s0; c++) b[e * s0 + c] *= lam;
                        e++;
                        continue;
                    }
                    int ti = _termOfRestIndex[rows[e]];
                    int s = terms[ti].ColumnCount;
                    // rows e .. e+s-1 are one level's block of a dense term: apply Lambda'
                    LeftMultiplyTransposed(lambdas + _lambdaOffsets[ti], s, b + e * s0, s0, tmp);
                    e += s;
                }
            }
        }
    }

    /// <summary>
    /// Whether the dense rows are built in parallel. Dense block -= sum over supernodes k of B_k B_k' (lower triangle)
    /// is computed row by row: each row r gathers the products of its own occurrences with the earlier rows of the
    /// same supernode, so writes stay in one row.
    /// </summary>
    private bool RowsInParallel => _l.M >= 256 && _l.OccurrenceSupernode.Length > 20000;

    /// <summary>Row r of the dense block for scalar dense terms: copy from A, subtract, scale by lambda_r lambda_c, add I.</summary>
    private void ScalarRow(int r)
    {
        int m = _l.M;
        _a.Dense.AsSpan(r * m, r + 1).CopyTo(_dense.AsSpan(r * m, r + 1));
        SubtractRow(r);
        ScaleScalarRow(r);
    }

    /// <summary>Row r of the dense block for scalar dense terms after the subtraction: scale by lambda_r lambda_c, add I.</summary>
    private void ScaleScalarRow(int r)
    {
        var row = _dense.AsSpan(r * _l.M, r + 1);
        var scale = _restScale.AsSpan(0, r + 1);
        double scaleR = _restScale[r];
        for (int c = 0; c < row.Length; c++) row[c] = row[c] * scale[c] * scaleR;
        if (r < _l.RestRandomEffects) row[r] += 1.0;
    }

    private void FillRestScale()
    {
        var terms = _l.Terms;
        Array.Fill(_restScale, 1.0);
        for (int i = _l.FrontTermCount; i < terms.Count; i++)
        {
            double lam = Lambda(i)[0];
            int off = _l.RestOffsets[i];
            for (int g = 0; g < terms[i].LevelCount; g++) _restScale[off + g] = lam;
        }
    }

    /// <summary>
    /// Whether the dense block is small enough (it stays in the first-level cache) for <see cref="SubtractSupernodes"/>:
    /// one pass over the front instead of one per dense row.
    /// </summary>
    private bool SupernodeMajor => _l.M <= 64;

    /// <summary>
    /// Dense block -= sum over supernodes k of B_k B_k' (lower triangle), supernode by supernode. Each entry receives the
    /// same products in the same order as from <see cref="SubtractRow"/> (the supernodes in increasing order).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SubtractSupernodes()
    {
        int m = _l.M;
        var width = _l.Width;
        var denseRows = _l.DenseRows;
        var blocks = _b;
        fixed (double* dense = _dense)
        {
            for (int k = 0; k < blocks.Count; k++)
            {
                int s = width[k];
                var rows = denseRows[k];
                fixed (double* b = blocks[k])
                fixed (int* pr = rows)
                {
                    for (int e = 0; e < rows.Length; e++)
                    {
                        double* be = b + e * s;
                        double* row = dense + pr[e] * m;
                        for (int i = 0; i <= e; i++)
                        {
                            double* bi = b + i * s;
                            double v = be[0] * bi[0];
                            for (int c = 1; c < s; c++) v += be[c] * bi[c];
                            row[pr[i]] -= v;
                        }
                    }
                }
            }
        }
    }

    private void SubtractRow(int r)
    {
        if (_l.AllScalarFront) SubtractRowScalar(r);
        else SubtractRowVector(r);
    }

    /// <summary>
    /// <see cref="SubtractRow"/> for a front with vector-valued terms: row r -= sum over the supernodes k in which it
    /// occurs (at position e) of B_k[e, :] B_k[0..e, :]', from the transposed copies of B_k, four columns at a time
    /// when the supernode's rows are consecutive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SubtractRowVector(int r)
    {
        int m = _l.M;
        var start = _l.OccurrenceStart;
        var supernodes = _l.OccurrenceSupernode;
        var positions = _l.OccurrencePosition;
        var contiguous = _l.DenseRowsContiguous;
        double* x = stackalloc double[_rowScratch.Length];
        fixed (double* row = _dense.AsSpan(r * m, r + 1))
        {
            for (int o = start[r]; o < start[r + 1]; o++)
            {
                int k = supernodes[o], e = positions[o], s = _l.Width[k];
                var rows = _l.DenseRows[k];
                int nd = rows.Length;
                fixed (double* bt = _bTransposed![k])
                fixed (int* pr = rows)
                {
                    for (int c = 0; c < s; c++) x[c] = bt[c * nd + e];
                    if (!contiguous[k])
                    {
                        for (int i = 0; i <= e; i++)
                        {
                            double v = x[0] * bt[i];
                            for (int c = 1; c < s; c++) v += x[c] * bt[c * nd + i];
                            row[pr[i]] -= v;
                        }
                        continue;
                    }
                    double* d = row + pr[0];
                    int j = 0;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        for (; j + 4 <= e + 1; j += 4)
                        {
                            var v = Vector256.Create(x[0]) * Vector256.Load(bt + j);
                            for (int c = 1; c < s; c++) v += Vector256.Create(x[c]) * Vector256.Load(bt + c * nd + j);
                            Vector256.Store(Vector256.Load(d + j) - v, d + j);
                        }
                    }
                    for (; j <= e; j++)
                    {
                        double v = x[0] * bt[j];
                        for (int c = 1; c < s; c++) v += x[c] * bt[c * nd + j];
                        d[j] -= v;
                    }
                }
            }
        }
    }

    /// <summary>Copies each vector-valued supernode's dense coupling rows B_k (rows x s) column by column.</summary>
    private void TransposeCouplingRows()
    {
        for (int k = 0; k < _l.SupernodeCount; k++)
        {
            int s = _l.Width[k];
            var b = _b[k];
            var bt = _bTransposed![k];
            int nd = b.Length / s;
            for (int e = 0; e < nd; e++)
                for (int c = 0; c < s; c++) bt[c * nd + e] = b[e * s + c];
        }
    }

    /// <summary>
    /// The compact coupling (<see cref="CountCoupling"/>) for large Schur complements whose coupling holds counts, built
    /// once per version of the cross products, and its per-supernode scales for the current theta.
    /// </summary>
    private void PrepareCountCoupling()
    {
        if (!RowsInParallel) return;
        if (_countCouplingVersion != _a.Version)
        {
            _countCoupling = CountCoupling.TryCreate(_a);
            _countCouplingVersion = _a.Version;
        }
        if (_countCoupling is null) return;
        for (int k = 0; k < _l.SupernodeCount; k++)
            _supernodeScale[k] = Lambda(_termOfSupernode[k])[0] / _diag[_l.DiagonalOffset[k]];
    }

    /// <summary>
    /// <see cref="SubtractRow"/> for a scalar front: row r -= b_k[e] b_k[0..e] over the supernodes k in which it occurs,
    /// in that order; four columns at a time when the supernode's rows are consecutive. Rows of dense random effects
    /// use the compact coupling when there is one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void SubtractRowScalar(int r)
    {
        if (_countCoupling is not null && r < _l.RestRandomEffects)
        {
            _countCoupling.SubtractRow(_l, r, _dense.AsSpan(r * _l.M, r + 1), _supernodeScale);
            return;
        }
        int m = _l.M;
        var start = _l.OccurrenceStart;
        var supernodes = _l.OccurrenceSupernode;
        var positions = _l.OccurrencePosition;
        var denseRows = _l.DenseRows;
        var contiguous = _l.DenseRowsContiguous;
        var blocks = _b;
        fixed (double* row = _dense.AsSpan(r * m, r + 1))
        {
            for (int o = start[r]; o < start[r + 1]; o++)
            {
                int k = supernodes[o], count = positions[o] + 1;
                var rows = denseRows[k];
                fixed (double* b = blocks[k])
                fixed (int* pr = rows)
                {
                    double scale = b[count - 1];
                    if (!contiguous[k])
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

    /// <summary>Dense block := Lambda_R' Dense Lambda_R + I on the random-effects part, for vector-valued dense terms.</summary>
    private void ScaleDenseBlockGeneral()
    {
        int m = _l.M;
        var terms = _l.Terms;
        var dense = _dense;
        // symmetrize, then rows := Lambda' rows and columns := columns Lambda, blockwise per level
        for (int i = 0; i < m; i++)
            for (int j = 0; j < i; j++) dense[j * m + i] = dense[i * m + j];
        var col = new double[m];
        for (int ti = _l.FrontTermCount; ti < terms.Count; ti++)
        {
            int s = terms[ti].ColumnCount;
            var lam = Lambda(ti);
            for (int g = 0; g < terms[ti].LevelCount; g++)
            {
                int r0 = _l.RestOffsets[ti] + g * s;
                for (int j = 0; j < m; j++)
                {
                    for (int a = 0; a < s; a++)
                    {
                        double v = 0;
                        for (int t = a; t < s; t++) v += lam[t * s + a] * dense[(r0 + t) * m + j];
                        col[a] = v;
                    }
                    for (int a = 0; a < s; a++) dense[(r0 + a) * m + j] = col[a];
                }
                for (int i = 0; i < m; i++)
                {
                    int ri = i * m;
                    for (int a = 0; a < s; a++)
                    {
                        double v = 0;
                        for (int t = a; t < s; t++) v += dense[ri + r0 + t] * lam[t * s + a];
                        col[a] = v;
                    }
                    for (int a = 0; a < s; a++) dense[ri + r0 + a] = col[a];
                }
            }
        }
        for (int i = 0; i < _l.RestRandomEffects; i++) dense[i * m + i] += 1.0;
    }

    /// <summary>
    /// Solves the penalized least-squares problem from the current factor: the spherical random effects
    /// <paramref name="u"/> (all terms, term order, level-major) and the fixed effects <paramref name="beta"/>.
    /// </summary>
    public void Solve(Span<double> u, Span<double> beta)
    {
        int m = _l.M, qr = _l.RestRandomEffects, p = _l.P;
        var x = new double[m - 1];
        for (int j = 0; j < m - 1; j++) x[j] = _dense[(m - 1) * m + j];
        DenseCholesky.SolveLowerTransposed(_dense, m, m - 1, x);
        x.AsSpan(qr, p).CopyTo(beta);
        x.AsSpan(0, qr).CopyTo(u.Slice(_l.FrontSize, qr));
        Span<double> c = stackalloc double[_rowScratch.Length];
        for (int k = _l.SupernodeCount - 1; k >= 0; k--)
        {
            int s = _l.Width[k];
            var ck = c[..s];
            ck.Clear();
            var rows = _l.DenseRows[k];
            var b = _b[k];
            for (int e = 0; e < rows.Length; e++)
            {
                if (rows[e] == m - 1)
                    for (int t = 0; t < s; t++) ck[t] += b[e * s + t];
                else
                    for (int t = 0; t < s; t++) ck[t] -= b[e * s + t] * x[rows[e]];
            }
            var front = _l.FrontRows[k];
            var f = _front[k];
            for (int e = 0; e < front.Length; e++)
                for (int t = 0; t < s; t++) ck[t] -= f[e * s + t] * u[front[e]];
            SmallDense.SolveLowerTransposed(_diag.AsSpan(_l.DiagonalOffset[k], s * s), s, ck);
            ck.CopyTo(u.Slice(_l.ColumnStart[k], s));
        }
    }

    /// <summary>The random effects b = Lambda u per term (level-major) for spherical effects u in term order.</summary>
    public double[][] ScaledEffects(ReadOnlySpan<double> u)
    {
        var terms = _l.Terms;
        var result = new double[terms.Count][];
        for (int i = 0; i < terms.Count; i++)
        {
            var b = new double[terms[i].RandomEffectCount];
            LinearPredictor.ScaleEffects(terms[i].ColumnCount, Lambda(i), u.Slice(_l.TermOffsets[i], b.Length), b);
            result[i] = b;
        }
        return result;
    }

    /// <summary>lme4's <c>unsc()</c>: (L_X L_X')^-1 from the fixed-effects block of the current factor, p x p.</summary>
    public double[,] UnscaledFixedEffectsCovariance()
    {
        int m = _l.M, qr = _l.RestRandomEffects, p = _l.P;
        var inv = new double[p, p]; // L_X^-1, lower triangular
        for (int j = 0; j < p; j++)
        {
            for (int i = j; i < p; i++)
            {
                double v = i == j ? 1 : 0;
                for (int t = j; t < i; t++) v -= _dense[(qr + i) * m + qr + t] * inv[t, j];
                inv[i, j] = v / _dense[(qr + i) * m + qr + i];
            }
        }
        var result = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
            {
                double v = 0;
                for (int t = i; t < p; t++) v += inv[t, i] * inv[t, j];
                result[i, j] = result[j, i] = v;
            }
        return result;
    }

    /// <summary>
    /// The gradient with respect to theta of the profiled REML criterion (<paramref name="reml"/>) or ML deviance at the
    /// current theta, written to <paramref name="gradient"/> (see <see cref="ProfiledCriterionGradient"/>).
    /// </summary>
    public void CriterionGradient(bool reml, Span<double> gradient)
    {
        if (GradientFromTraces) CriterionGradientFromTraces(reml, gradient);
        else CriterionGradientFromSelectedInverse(reml, gradient);
    }

    /// <summary>
    /// Dense blocks of at least this order (100) take the gradient from the inverse's diagonal traces when the model
    /// allows it: there the selected inversion's dense inverse (about twice the factorization's work, as dot products)
    /// dominates; below it both are a fraction of an evaluation.
    /// </summary>
    internal const int TraceGradientDenseOrder = 100;

    /// <summary>
    /// A positive theta below this (1e-4) takes the selected inversion: the traces' formula divides q_t - tr(S_tt), of
    /// order theta^2, by theta. At theta_t = 0 exactly the derivative is 0 (the criterion is even in theta_t).
    /// </summary>
    internal const double TraceGradientSmallestTheta = 1e-4;

    /// <summary>
    /// Whether <see cref="CriterionGradient"/> uses <see cref="InverseDiagonalTraces"/>: scalar terms without front
    /// rows, a dense block of at least <see cref="TraceGradientDenseOrder"/> and every theta 0 or at least
    /// <see cref="TraceGradientSmallestTheta"/>.
    /// </summary>
    private bool GradientFromTraces =>
        _l.RestRandomEffects >= TraceGradientDenseOrder && TracesApply && _lambdas.All(v => v == 0 || v >= TraceGradientSmallestTheta);

    private bool TracesApply => _tracesApply ??= InverseDiagonalTraces.Applies(_l);

    /// <summary><see cref="CriterionGradient"/> by selected inversion (any model, any theta).</summary>
    internal void CriterionGradientFromSelectedInverse(bool reml, Span<double> gradient)
    {
        int p = _l.P, n = _l.RowCount, order = _l.RestRandomEffects + (reml ? p : 0);
        var u = _gradientEffects ??= new double[_l.RandomEffectCount];
        var beta = _gradientBeta ??= new double[p];
        Solve(u, beta);
        if (_gradientInverse is null || _gradientInverse.Order != order) _gradientInverse = new SelectedInverse(_l, order);
        var inverse = _gradientInverse;
        inverse.Compute(_diag, _front, _b, _dense);
        var calculator = _gradient ??= new ProfiledCriterionGradient(_l, _a, _lambdas, _lambdaOffsets);
        calculator.Compute(inverse, u, beta, reml ? n - p : n, PenalizedRss, gradient);
    }

    /// <summary>
    /// <see cref="CriterionGradient"/> from the traces of the inverse over each term's diagonal: only for scalar terms
    /// without front rows (<see cref="InverseDiagonalTraces.Applies"/>) and theta 0 or not near 0.
    /// </summary>
    internal void CriterionGradientFromTraces(bool reml, Span<double> gradient)
    {
        if (!TracesApply) throw new InvalidOperationException("the inverse's traces need scalar terms without front rows");
        int p = _l.P, n = _l.RowCount;
        var u = new double[_l.RandomEffectCount];
        var beta = new double[p];
        Solve(u, beta);
        _traces ??= new InverseDiagonalTraces(_l);
        new ProfiledCriterionGradient(_l, _a, _lambdas, _lambdaOffsets)
            .ComputeFromTraces(InverseTraces(_traces, reml), u, beta, reml ? n - p : n, PenalizedRss, gradient);
    }

    /// <summary>The traces of the inverse over each term's diagonal (REML: of the system with the fixed effects).</summary>
    internal double[] InverseTraces(InverseDiagonalTraces traces, bool reml) =>
        traces.Compute(_diag, _b, _dense, _l.RestRandomEffects + (reml ? _l.P : 0));

    /// <summary>
    /// Conditional covariance of the random effects (lme4's <c>postVar</c>): per term, per level, the s x s matrix
    /// sigma^2 Lambda [(L_Z L_Z')^-1]_gg Lambda' (row-major), level-major.
    /// </summary>
    public double[][] ConditionalCovariances(double sigma) =>
        new ConditionalCovarianceSolver(_l, _diag, _front, _b, _dense, _lambdas, _lambdaOffsets).Compute(sigma);
}
