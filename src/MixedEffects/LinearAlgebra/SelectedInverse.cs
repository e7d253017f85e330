using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The entries of S = (L L')^-1 on the sparsity pattern of a blocked factor L, for the leading part of the system
/// (the front and the first <see cref="Order"/> rows of the dense block): Takahashi's recurrences by supernode. The
/// dense part is inverted explicitly (S_DD = L_D^-T L_D^-1 over its first Order rows); then, supernodes in reverse
/// order, with P the supernode's rows below its diagonal block (all in later supernodes or the dense part, a clique
/// of the pattern), W = S_PP B_k, S_Pk = -W L_k^-1 and S_kk = L_k^-T (I + B_k' W) L_k^-1. Nothing of order q squared
/// is formed beyond the dense block. With Order = the dense terms' random effects it is the inverse of
/// Lambda'Z'WZ Lambda + I; with the fixed effects too, of the whole penalized system without the response.
/// </summary>
internal sealed class SelectedInverse
{
    private readonly FactorLayout _l;
    private readonly int[] _frontOffset;  // per supernode, its first entry in _front (and the total)
    private readonly int[] _denseOffset;  // per supernode, its first entry in _dense (and the total)
    private readonly double[] _front;     // S on the front rows, supernode after supernode
    private readonly double[] _dense;     // S on the dense rows below Order, supernode after supernode
    // work arrays of one supernode's inversion, sized for the largest and reused for every supernode
    private readonly int[] _rows;
    private readonly double[] _w, _bTransposed, _gathered, _mid, _lInverse, _column;

    private readonly double[] _denseInverseTransposed;

    /// <summary>Storage for the selected inverse of factors laid out by <paramref name="layout"/>; see <see cref="Compute"/>.</summary>
    /// <param name="layout">The factor's structure.</param>
    /// <param name="order">Number of leading rows of the dense block included.</param>
    public SelectedInverse(FactorLayout layout, int order)
    {
        _l = layout;
        Order = order;
        DenseBlock = new double[order * order];
        _denseInverseTransposed = new double[order * order];
        Diagonal = new double[layout.DiagonalOffset[layout.SupernodeCount]];
        int k0 = layout.SupernodeCount;
        _frontOffset = new int[k0 + 1];
        _denseOffset = new int[k0 + 1];
        int maxRows = 0, maxWidth = 1;
        for (int k = 0; k < k0; k++)
        {
            int s = layout.Width[k], nf = layout.FrontRows[k].Length, nd = RowsWithin(layout.DenseRows[k], order);
            _frontOffset[k + 1] = _frontOffset[k] + nf * s;
            _denseOffset[k + 1] = _denseOffset[k] + nd * s;
            maxRows = Math.Max(maxRows, nf + nd);
            maxWidth = Math.Max(maxWidth, s);
        }
        _front = new double[_frontOffset[k0]];
        _dense = new double[_denseOffset[k0]];
        _rows = new int[maxRows];
        _w = new double[maxRows * maxWidth];
        _bTransposed = new double[maxRows * maxWidth];
        _gathered = new double[maxRows];
        _mid = new double[maxWidth * maxWidth];
        _lInverse = new double[maxWidth * maxWidth];
        _column = new double[maxWidth];
    }

    /// <summary>Computes the selected inverse of a factor (its storage is reused by each call).</summary>
    /// <param name="diag">L's diagonal blocks of the front (per supernode s x s, row-major lower).</param>
    /// <param name="front">L's front coupling rows per supernode (front rows x s).</param>
    /// <param name="dense">L's dense coupling rows per supernode (dense rows x s).</param>
    /// <param name="denseFactor">The factored dense block (M x M lower, row-major).</param>
    public void Compute(double[] diag, BlockValues front, BlockValues dense, double[] denseFactor)
    {
        InvertDense(denseFactor, _l.M, Order, _denseInverseTransposed, DenseBlock);
        for (int k = _l.SupernodeCount - 1; k >= 0; k--) InvertSupernode(k, diag, front[k], dense[k]);
    }

    /// <summary>Number of leading dense-block rows included.</summary>
    public int Order { get; }

    /// <summary>S on the dense part, Order x Order, full symmetric, row-major.</summary>
    public double[] DenseBlock { get; }

    /// <summary>S on each supernode's diagonal block (s x s, full), laid out as the factor's.</summary>
    public double[] Diagonal { get; }

    /// <summary>S on supernode k's front rows (front rows x s).</summary>
    public Span<double> Front(int k) => _front.AsSpan(_frontOffset[k], _frontOffset[k + 1] - _frontOffset[k]);

    /// <summary>S on supernode k's dense rows below <see cref="Order"/> (those rows x s).</summary>
    public Span<double> Dense(int k) => _dense.AsSpan(_denseOffset[k], _denseOffset[k + 1] - _denseOffset[k]);

    /// <summary>How many of the sorted <paramref name="rows"/> are below <paramref name="order"/>.</summary>
    public static int RowsWithin(int[] rows, int order)
    {
        int n = 0;
        while (n < rows.Length && rows[n] < order) n++;
        return n;
    }

    /// <summary>L_D^-T L_D^-1 over the first <paramref name="n"/> rows of the dense factor (M x M), full symmetric.</summary>
    private static void InvertDense(double[] l, int m, int n, double[] invT, double[] s)
    {
        // row j of invT holds column j of L^-1 (entries j..n-1), so both recurrences run over contiguous memory
        void Column(int j)
        {
            var x = invT.AsSpan(j * n, n);
            x[j] = 1 / l[j * m + j];
            for (int i = j + 1; i < n; i++)
                x[i] = -TensorPrimitives.Dot(l.AsSpan(i * m + j, i - j), x.Slice(j, i - j)) / l[i * m + i];
        }
        void Row(int i)
        {
            var xi = invT.AsSpan(i * n + i, n - i);
            for (int j = 0; j <= i; j++) s[i * n + j] = TensorPrimitives.Dot(xi, invT.AsSpan(j * n + i, n - i));
        }
        if (n >= 128)
        {
            Parallel.For(0, n, Column);
            Parallel.For(0, n, Row);
        }
        else
        {
            for (int j = 0; j < n; j++) Column(j);
            for (int i = 0; i < n; i++) Row(i);
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++) s[j * n + i] = s[i * n + j];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void InvertSupernode(int k, double[] diag, ReadOnlySpan<double> lFront, ReadOnlySpan<double> lDense)
    {
        var l = _l;
        var frontRows = l.FrontRows[k];
        int s = l.Width[k], nf = frontRows.Length, nd = (_denseOffset[k + 1] - _denseOffset[k]) / s, nr = nf + nd;
        // rows P: front rows (u indices), then dense rows (FrontSize + dense index); B: L's rows below the diagonal block
        var rows = _rows;
        for (int e = 0; e < nf; e++) rows[e] = frontRows[e];
        for (int e = 0; e < nd; e++) rows[nf + e] = l.FrontSize + l.DenseRows[k][e];
        fixed (double* bFront = lFront, bDense = lDense, w = _w, lk = &diag[l.DiagonalOffset[k]], front = _front, dense = _dense)
        fixed (double* mid = _mid, linv = _lInverse, col = _column, skk = &Diagonal[l.DiagonalOffset[k]])
        {
            for (int c = 0; c < nr * s; c++) w[c] = 0;
            for (int i = 0; i < nr; i++)
            {
                double* wi = w + i * s;
                for (int j = 0; j < (i < nf ? nr : nf); j++)
                {
                    double z = Entry(rows[i], rows[j]);
                    if (z == 0) continue;
                    double* bj = j < nf ? bFront + j * s : bDense + (j - nf) * s;
                    for (int c = 0; c < s; c++) wi[c] += z * bj[c];
                }
            }
            if (nd > 0) AddDenseProducts(l.DenseRows[k], nd, nf, s, lDense, _w);
            for (int i = 0; i < nr; i++)
            {
                double* target = i < nf ? front + _frontOffset[k] + i * s : dense + _denseOffset[k] + (i - nf) * s;
                for (int c = 0; c < s; c++) target[c] = -w[i * s + c];
                SmallDense.SolveLowerTransposed(lk, s, target);
            }
            // S_kk = L_k^-T (I + B'W) L_k^-1, column by column: solve L_k' x = (I + B'W) L_k^-1 e_c
            for (int c = 0; c < s; c++)
                for (int d = 0; d < s; d++)
                {
                    double v = c == d ? 1 : 0;
                    for (int i = 0; i < nf; i++) v += bFront[i * s + c] * w[i * s + d];
                    for (int i = nf; i < nr; i++) v += bDense[(i - nf) * s + c] * w[i * s + d];
                    mid[c * s + d] = v;
                }
            for (int c = 0; c < s * s; c++) linv[c] = 0;   // column c of L_k^-1 in row c
            for (int c = 0; c < s; c++)
            {
                double* e = linv + c * s;
                e[c] = 1;
                SmallDense.SolveLower(lk, s, e);
            }
            for (int c = 0; c < s; c++)
            {
                for (int a = 0; a < s; a++)
                {
                    double v = 0;
                    for (int d = 0; d < s; d++) v += mid[a * s + d] * linv[c * s + d];
                    col[a] = v;
                }
                SmallDense.SolveLowerTransposed(lk, s, col);
                for (int a = 0; a < s; a++) skk[a * s + c] = col[a];
            }
        }
    }

    /// <summary>
    /// W's rows for the supernode's dense rows, their products with the dense rows of B: w_a += sum over b of
    /// S_DD[rows a, rows b] B_b, as dot products of (gathered) rows of S_DD with B's columns.
    /// </summary>
    private void AddDenseProducts(int[] denseRows, int nd, int nf, int s, ReadOnlySpan<double> lDense, double[] w)
    {
        var bT = _bTransposed.AsSpan(0, s * nd);
        for (int e = 0; e < nd; e++)
            for (int c = 0; c < s; c++) bT[c * nd + e] = lDense[e * s + c];
        bool contiguous = denseRows[nd - 1] - denseRows[0] == nd - 1;
        var gathered = _gathered.AsSpan(0, nd);
        for (int a = 0; a < nd; a++)
        {
            int row = denseRows[a] * Order;
            ReadOnlySpan<double> sRow;
            if (contiguous) sRow = DenseBlock.AsSpan(row + denseRows[0], nd);
            else
            {
                for (int e = 0; e < nd; e++) gathered[e] = DenseBlock[row + denseRows[e]];
                sRow = gathered;
            }
            for (int c = 0; c < s; c++) w[(nf + a) * s + c] += TensorPrimitives.Dot(sRow, bT.Slice(c * nd, nd));
        }
    }

    /// <summary>S[i, j] for two rows of a supernode's pattern (u index in the front, FrontSize + dense index after).</summary>
    private double Entry(int i, int j)
    {
        var l = _l;
        if (i > j) (i, j) = (j, i);
        int fs = l.FrontSize;
        if (i >= fs) return DenseBlock[(i - fs) * Order + j - fs];
        int k = l.SupernodeOfColumn[i], s = l.Width[k], oi = i - l.ColumnStart[k];
        if (j < l.ColumnStart[k] + s) return Diagonal[l.DiagonalOffset[k] + oi * s + (j - l.ColumnStart[k])];
        if (j < fs) return _front[_frontOffset[k] + Array.BinarySearch(l.FrontRows[k], j) * s + oi];
        return _dense[_denseOffset[k] + Array.BinarySearch(l.DenseRows[k], j - fs) * s + oi];
    }
}
