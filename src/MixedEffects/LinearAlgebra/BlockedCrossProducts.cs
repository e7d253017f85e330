using System.Runtime.CompilerServices;
using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The weighted cross products A = [Z X y]'W[Z X y] laid out as the blocked factor needs them (see
/// <see cref="FactorLayout"/>): per supernode of the sparse front its s x s diagonal block and its coupling rows,
/// and the dense block of the crossed terms, X and y. The layout is found once; <see cref="Reweight"/> recomputes
/// the values for new weights and a new response (prior weights; the working weights and working response of
/// penalized iteratively reweighted least squares) in one pass over the observations into precomputed positions.
/// The values are private: <see cref="BlockedCholeskyFactor"/> reads them.
/// </summary>
internal sealed class BlockedCrossProducts
{
    private readonly IReadOnlyList<double[]> _x;
    private readonly int _entries;            // per observation: every term's columns, X, y
    private readonly int[] _entryStart;       // first entry of each term
    private readonly int[] _frontStride;      // per front term, offset of its positions within an observation's slice
    private readonly int _positionsPerRow;
    private readonly int[] _positions;        // per observation, front term and later entry: position in the supernode's rows
    private readonly int _denseTermEntries;   // entries of dense terms per observation
    private readonly int[] _denseIndices;     // per observation, the dense index of each dense-term entry
    private readonly double[] _entryValues;
    private readonly int[] _entryDense;

    internal readonly double[] Diagonal;      // per supernode s x s, flat (offsets in the layout)
    internal readonly BlockValues FrontValues; // per supernode, front rows x s
    internal readonly BlockValues DenseValues; // per supernode, dense rows x s
    internal readonly double[] Dense;         // dense block, lower triangle, row-major M x M

    /// <summary>The cross products of [Z X y] with prior <paramref name="weights"/> (null: all 1).</summary>
    /// <param name="terms">The random-effects terms.</param>
    /// <param name="xColumns">The fixed-effects columns.</param>
    /// <param name="y">The response.</param>
    /// <param name="weights">The prior weights (null: all 1).</param>
    /// <param name="parallelThreshold">The number of observations from which their positions are found on two threads.</param>
    public BlockedCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, double[] y, double[]? weights,
        int parallelThreshold = ParallelPositionsThreshold)
        : this(terms, xColumns, y.Length, parallelThreshold)
    {
        Reweight(weights, y);
        if (weights is not null)
            SumLogWeights = weights.Sum(w => w > 0 ? Math.Log(w) : 0);
    }

    /// <summary>The layout for <paramref name="rowCount"/> observations with all values zero; call <see cref="Reweight"/>.</summary>
    public BlockedCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, int rowCount,
        int parallelThreshold = ParallelPositionsThreshold)
    {
        Layout = new FactorLayout(terms, xColumns.Count, rowCount);
        var l = Layout;
        _x = xColumns;
        int f = l.FrontTermCount;
        _entryStart = new int[terms.Count + 1];
        for (int i = 0; i < terms.Count; i++) _entryStart[i + 1] = _entryStart[i] + terms[i].ColumnCount;
        _entries = _entryStart[terms.Count] + l.P + 1;
        _frontStride = new int[f + 1];
        for (int i = 0; i < f; i++) _frontStride[i + 1] = _frontStride[i] + _entries - _entryStart[i + 1];
        _positionsPerRow = _frontStride[f];
        _denseTermEntries = _entryStart[terms.Count] - _entryStart[f];
        _positions = new int[(long)rowCount * _positionsPerRow is var np && np <= int.MaxValue ? (int)np
            : throw new ModelTooLargeException($"{rowCount} observations with {_positionsPerRow} coupling entries each are too many for this version")];
        _denseIndices = new int[rowCount * _denseTermEntries];
        _entryValues = new double[_entries];
        _entryDense = new int[_entries];
        BuildPositions(rowCount, parallelThreshold);

        (Diagonal, FrontValues, DenseValues, Dense) = AllocateValues(l);
    }

    /// <summary>Shares the layout and the observations' positions of <paramref name="source"/>; values all zero.</summary>
    private BlockedCrossProducts(BlockedCrossProducts source, IReadOnlyList<double[]> xColumns)
    {
        if (xColumns.Count != source.P) throw new ArgumentException("the number of fixed-effects columns differs", nameof(xColumns));
        Layout = source.Layout;
        _x = xColumns;
        _entries = source._entries;
        _entryStart = source._entryStart;
        _frontStride = source._frontStride;
        _positionsPerRow = source._positionsPerRow;
        _positions = source._positions;
        _denseTermEntries = source._denseTermEntries;
        _denseIndices = source._denseIndices;
        _entryValues = new double[_entries];
        _entryDense = (int[])source._entryDense.Clone();
        SumLogWeights = source.SumLogWeights;
        (Diagonal, FrontValues, DenseValues, Dense) = AllocateValues(Layout);
    }

    /// <summary>
    /// New cross products with the same layout (the same terms, observations and prior weights) and other X columns of
    /// the same count; all values zero until <see cref="Reweight"/>.
    /// </summary>
    public BlockedCrossProducts WithSameLayout(IReadOnlyList<double[]> xColumns) => new(this, xColumns);

    private static (double[], BlockValues, BlockValues, double[]) AllocateValues(FactorLayout l) =>
        (new double[l.DiagonalOffset[l.SupernodeCount]], new BlockValues(l.FrontValueOffsets), new BlockValues(l.DenseValueOffsets),
            new double[l.M * l.M]);

    /// <summary>
    /// Zero values laid out by <paramref name="layout"/>, to be filled from aggregates (sums over observations computed
    /// elsewhere) through <see cref="Diagonal"/>, <see cref="FrontValues"/>, <see cref="DenseValues"/> and
    /// <see cref="Dense"/>. Holds no observations: <see cref="Reweight"/> does not apply.
    /// </summary>
    public BlockedCrossProducts(FactorLayout layout)
    {
        Layout = layout;
        _x = [];
        _entryStart = [];
        _frontStride = [];
        _positions = [];
        _denseIndices = [];
        _entryValues = [];
        _entryDense = [];
        (Diagonal, FrontValues, DenseValues, Dense) = AllocateValues(layout);
    }

    /// <summary>The structure the values are laid out in.</summary>
    public FactorLayout Layout { get; }

    /// <summary>The random-effects terms, first term first.</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms => Layout.Terms;

    /// <summary>Number of observations.</summary>
    public int RowCount => Layout.RowCount;

    /// <summary>Number of fixed-effects columns.</summary>
    public int P => Layout.P;

    /// <summary>Counts the reweightings, so that what is derived from the values can tell it is out of date.</summary>
    public int Version { get; private set; }

    /// <summary>Sum of log prior weights (0 without weights).</summary>
    public double SumLogWeights { get; }

    /// <summary>A new factor of these cross products (it reads the values at each update).</summary>
    public BlockedCholeskyFactor CreateFactor() => new(this);

    /// <summary>Observations from which their positions are found on two threads (each on its own rows).</summary>
    internal const int ParallelPositionsThreshold = 100_000;

    private void BuildPositions(int n, int parallelThreshold)
    {
        var terms = Layout.Terms.ToArray();  // an array, not the read-only list: no interface call per row and term
        var widths = terms.Select(t => t.ColumnCount).ToArray();
        int chunks = n >= parallelThreshold ? Math.Min(Environment.ProcessorCount, 2) : 1;
        if (chunks == 1) BuildPositionsOfRows(terms, widths, 0, n);
        else Parallel.For(0, chunks, c => BuildPositionsOfRows(terms, widths, (int)((long)n * c / chunks), (int)((long)n * (c + 1) / chunks)));
        for (int j = 0; j <= Layout.P; j++) _entryDense[_entryStart[terms.Length] + j] = Layout.RestRandomEffects + j;
    }

    /// <summary>The positions and dense indices of observations <paramref name="from"/> to <paramref name="to"/> - 1.</summary>
    private void BuildPositionsOfRows(RandomEffectsTerm[] terms, int[] widths, int from, int to)
    {
        var l = Layout;
        int f = l.FrontTermCount, qr = l.RestRandomEffects;
        var globalIndex = new int[_entries]; // entry -> u index (front) or FrontSize + dense index
        for (int r = from; r < to; r++)
        {
            for (int i = 0; i < terms.Length; i++)
            {
                int s = widths[i], code = terms[i].Code(r);
                for (int c = 0; c < s; c++)
                    globalIndex[_entryStart[i] + c] = i < f ? l.TermOffsets[i] + code * s + c : l.FrontSize + l.DenseIndex(i, code, c);
            }
            for (int j = 0; j <= l.P; j++) globalIndex[_entryStart[terms.Length] + j] = l.FrontSize + l.RestRandomEffects + j;
            for (int e = 0; e < _denseTermEntries; e++) _denseIndices[r * _denseTermEntries + e] = globalIndex[_entryStart[f] + e] - l.FrontSize;
            int o = r * _positionsPerRow;
            if (r > from && FactorLayout.SameLevels(terms, r))
            {
                // the same levels as the row before: the same positions
                Array.Copy(_positions, o - _positionsPerRow, _positions, o, _positionsPerRow);
                continue;
            }
            for (int i = 0; i < f; i++)
            {
                int k = l.SupernodeOffsets[i] + terms[i].Code(r);
                var fr = l.FrontRows[k];
                var dr = l.DenseRows[k];
                // the supernode's dense rows end with every column of X and y (M - qr of them) as a rule: no search there
                int tail = l.M - qr, tailStart = dr.Length - tail;
                bool fullTail = tailStart >= 0 && dr[tailStart] == qr;
                for (int e = _entryStart[i + 1]; e < _entries; e++)
                {
                    int g = globalIndex[e], d = g - l.FrontSize;
                    _positions[o++] = g < l.FrontSize ? Find(fr, g) : fullTail && d >= qr ? tailStart + d - qr : Find(dr, d);
                }
            }
        }
    }

    /// <summary>The index of <paramref name="value"/> in the increasing <paramref name="sorted"/>, as Array.BinarySearch gives it.</summary>
    private static int Find(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1), v = sorted[mid];
            if (v == value) return mid;
            if (v < value) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    /// <summary>
    /// Recomputes the values for weights <paramref name="weights"/> (null: all 1) and response <paramref name="response"/>
    /// in one pass over the observations (observations with weight 0 are skipped).
    /// </summary>
    public void Reweight(double[]? weights, ReadOnlySpan<double> response)
    {
        Version++;
        Array.Clear(Diagonal);
        Array.Clear(Dense);
        FrontValues.Clear();
        DenseValues.Clear();
        if (Layout.Terms.All(t => t.ColumnCount == 1))
        {
            ReweightScalar(weights, response);
            return;
        }
        var l = Layout;
        var terms = l.Terms.ToArray();  // an array, not the read-only list: no interface call per row and term
        int f = l.FrontTermCount, m = l.M, n = l.RowCount, nt = terms.Length;
        var widths = terms.Select(t => t.ColumnCount).ToArray();
        var ev = _entryValues;
        var di = _entryDense;
        int denseStart = _entryStart[f];
        int fixedStart = _entryStart[nt];
        for (int r = 0; r < n; r++)
        {
            double w = weights?[r] ?? 1.0;
            if (w == 0) continue;
            for (int i = 0; i < nt; i++)
            {
                int s = widths[i];
                var values = terms[i].Values.Slice(r * s, s);
                for (int c = 0; c < s; c++) ev[_entryStart[i] + c] = values[c];
            }
            for (int j = 0; j < l.P; j++) ev[fixedStart + j] = _x[j][r];
            ev[_entries - 1] = response[r];
            int po = r * _positionsPerRow;
            for (int i = 0; i < f; i++)
            {
                int k = l.SupernodeOffsets[i] + terms[i].Code(r);
                int s = l.Width[k], zs = _entryStart[i];
                var d = Diagonal.AsSpan(l.DiagonalOffset[k], s * s);
                for (int a = 0; a < s; a++)
                {
                    double wa = w * ev[zs + a];
                    for (int b = 0; b < s; b++) d[a * s + b] += wa * ev[zs + b];
                }
                var fv = FrontValues[k];
                var dv = DenseValues[k];
                int pos = po + _frontStride[i];
                for (int e = _entryStart[i + 1]; e < _entries; e++, pos++)
                {
                    double we = w * ev[e];
                    if (we == 0) continue;
                    var target = e < denseStart ? fv : dv;
                    int t0 = _positions[pos] * s;
                    for (int c = 0; c < s; c++) target[t0 + c] += we * ev[zs + c];
                }
            }
            for (int e = 0; e < _denseTermEntries; e++) di[denseStart + e] = _denseIndices[r * _denseTermEntries + e];
            for (int a = denseStart; a < _entries; a++)
            {
                double wa = w * ev[a];
                if (wa == 0) continue;
                int row = di[a] * m;
                for (int b = denseStart; b <= a; b++) Dense[row + di[b]] += wa * ev[b];
            }
        }
    }

    /// <summary>
    /// <see cref="Reweight"/> when every term is scalar (values already cleared): the same sums in the same order,
    /// without the per-column loops.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ReweightScalar(double[]? weights, ReadOnlySpan<double> response)
    {
        var l = Layout;
        var terms = l.Terms.ToArray();
        int f = l.FrontTermCount, m = l.M, n = l.RowCount, nt = terms.Length, ne = _entries, ppr = _positionsPerRow;
        int nd = _denseTermEntries;
        var ev = _entryValues;
        var di = _entryDense;
        var frontValues = FrontValues;
        var denseValues = DenseValues;
        var supernodeOffsets = l.SupernodeOffsets;
        fixed (double* diag = Diagonal, dense = Dense, pev = ev)
        fixed (int* positions = _positions, pdi = di, denseIndices = _denseIndices)
        {
            for (int r = 0; r < n; r++)
            {
                double w = weights is null ? 1.0 : weights[r];
                if (w == 0) continue;
                for (int i = 0; i < nt; i++) pev[i] = terms[i].Values[r];
                for (int j = 0; j < l.P; j++) pev[nt + j] = _x[j][r];
                pev[ne - 1] = response[r];
                int* pos = positions + r * ppr;
                for (int i = 0; i < f; i++)
                {
                    int k = supernodeOffsets[i] + terms[i].Codes[r];
                    double z = pev[i];
                    diag[k] += w * z * z;
                    var fv = frontValues[k];
                    for (int e = i + 1; e < f; e++, pos++)
                    {
                        double we = w * pev[e];
                        if (we != 0) fv[*pos] += we * z;
                    }
                    var dv = denseValues[k];
                    for (int e = f; e < ne; e++, pos++)
                    {
                        double we = w * pev[e];
                        if (we != 0) dv[*pos] += we * z;
                    }
                }
                int* dr = denseIndices + r * nd;
                for (int e = 0; e < nd; e++) pdi[f + e] = dr[e];
                for (int a = f; a < ne; a++)
                {
                    double wa = w * pev[a];
                    if (wa == 0) continue;
                    double* row = dense + pdi[a] * m;
                    for (int b = f; b <= a; b++) row[pdi[b]] += wa * pev[b];
                }
            }
        }
    }
}
