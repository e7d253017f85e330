using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// In-place lower Cholesky factorization of symmetric positive-definite matrices up to a given order, stored
/// row-major (only the lower triangle is read and written). Right-looking and blocked on two levels. The outer level
/// takes blocks of <see cref="BlockWidth"/> columns: it factors the block's columns (all rows below its diagonal), packs
/// them twice (by row tiles and by column tiles, each step of the depth contiguous) and subtracts their outer product
/// from the trailing lower triangle with a register-tile kernel of the processor's vector width
/// (<see cref="DenseKernelShape"/>), cache-blocked over rows; a deep update reads and writes the large trailing matrix
/// once per block instead of once per panel. Within a block, the inner level takes panels of <see cref="PanelWidth"/>
/// columns: factor the diagonal block, solve the rows below it against it (blocked: the kernel for the solved columns'
/// contribution, substitution within small triangles), pack the panel (the block's last panel: the whole block's
/// columns, for the outer update), then update the rest of the block's columns with the same kernel. Each panel's rows
/// are cut into chunks that the available threads take in turn, each chunk solved, packed and updated at once (the rows
/// that the update reads as columns solved first); the outer update is cut the same way. The buffers are allocated
/// once, so repeated factorizations (one per evaluation of the criterion) allocate nothing but the thread pool's
/// bookkeeping.
/// Not thread-safe.
/// </summary>
internal sealed unsafe class BlockedDenseCholesky
{
    /// <summary>Columns per panel of the inner level.</summary>
    public const int PanelWidth = 64;

    /// <summary>Columns per block of the outer level (a multiple of <see cref="PanelWidth"/>).</summary>
    public static readonly int BlockWidth = int.Parse(Environment.GetEnvironmentVariable("BW") ?? "256");

    private const int ParallelThreshold = 256;
    private const int RowBlockDoubles = 12288;
    // a multiple of every shape's tile rows (4, 6, 8), so that chunks of rows never share a row tile
    private const int ChunkRows = 48;

    private readonly DenseKernelShape _shape;
    private readonly int _tileRows;
    private readonly int _tileColumns;
    private readonly double[] _packedRows;
    private readonly double[] _packedColumns;
    private readonly double[] _blockRows;
    private readonly double[] _blockColumns;
    private readonly double[] _transposed;
    private readonly double[] _packedFactor;
    private readonly Action<int> _panelPart;
    private readonly Action<int> _updatePart;

    // the step in progress (set while the matrix is pinned)
    private double* _a;
    private int _n, _k, _b, _start, _m;

    // the panel in progress: the depth of its block, whether it ends the block (its rows then go to the block's packs
    // for the outer update, and no inner update follows), and how many chunks of its rows were solved beforehand
    private int _blockDepth, _solvedChunks;
    private bool _lastPanel;

    // the update in progress: packs, depth, and the number of trailing columns it reaches
    private double* _updateRows, _updateColumns;
    private int _depth, _columnLimit;

    /// <summary>A factorization for matrices up to order <paramref name="capacity"/> with the processor's best kernel.</summary>
    public BlockedDenseCholesky(int capacity) : this(capacity, DenseKernelShapes.Best)
    {
    }

    /// <summary>A factorization with a given kernel shape (tests run every shape on any processor).</summary>
    public BlockedDenseCholesky(int capacity, DenseKernelShape shape)
    {
        Capacity = Math.Max(capacity, 0);
        _shape = shape;
        _tileRows = DenseKernelShapes.Rows(shape);
        _tileColumns = DenseKernelShapes.Columns(shape);
        int panel = Math.Min(PanelWidth, Capacity), block = Math.Min(BlockWidth, Capacity);
        _packedRows = GC.AllocateUninitializedArray<double>(RoundUp(Capacity, _tileRows) * panel, pinned: true);
        _packedColumns = GC.AllocateUninitializedArray<double>(RoundUp(Capacity, _tileColumns) * panel, pinned: true);
        _blockRows = GC.AllocateUninitializedArray<double>(RoundUp(Capacity, _tileRows) * block, pinned: true);
        _blockColumns = GC.AllocateUninitializedArray<double>(RoundUp(Capacity, _tileColumns) * block, pinned: true);
        _transposed = GC.AllocateUninitializedArray<double>(PanelWidth * PanelWidth, pinned: true);
        _packedFactor = GC.AllocateUninitializedArray<double>(PanelWidth * PanelWidth, pinned: true);
        _panelPart = PanelPart;
        _updatePart = UpdatePart;
    }

    /// <summary>The largest order this instance factors.</summary>
    public int Capacity { get; }

    /// <summary>Whether large trailing updates use two threads (on by default when the machine has more than one core).</summary>
    public bool Parallel { get; init; } = Environment.ProcessorCount > 1;

    /// <summary>Factors <paramref name="a"/> (n x n, row-major) in place; false when it is not positive definite.</summary>
    public bool Factor(double[] a, int n)
    {
        if (n > Capacity) throw new ArgumentOutOfRangeException(nameof(n), "the matrix is larger than the factorization's capacity");
        if (n <= 0) return true;
        fixed (double* pa = a)
        fixed (double* pr = _packedRows)
        fixed (double* pc = _packedColumns)
        fixed (double* br = _blockRows)
        fixed (double* bc = _blockColumns)
        {
            _a = pa;
            _n = n;
            try
            {
                for (int kb = 0; kb < n; kb += BlockWidth)
                {
                    int blockEnd = Math.Min(n, kb + BlockWidth);
                    for (int k = kb; k < blockEnd; k += PanelWidth)
                    {
                        int b = Math.Min(PanelWidth, blockEnd - k);
                        if (!FactorDiagonalBlock(pa, n, k, b)) return false;
                        if (k + b == n) return true;
                        SetStep(k, b);
                        _blockDepth = blockEnd - kb;
                        _lastPanel = k + b == blockEnd;
                        PreparePanel();
                        SetUpdate(pr, pc, b, blockEnd - _start);
                        // rows [0, columnLimit) are the inner update's columns: solved (and packed) before it starts
                        int chunks = (_m + ChunkRows - 1) / ChunkRows;
                        _solvedChunks = _lastPanel ? 0 : Math.Min(chunks, (_columnLimit + ChunkRows - 1) / ChunkRows);
                        SolveRows(0, Math.Min(_m, _solvedChunks * ChunkRows));
                        // then each chunk of rows solved, packed and updated at once, in chunks that whichever thread is
                        // free takes, so a busy machine degrades to one thread
                        if (Parallel && _m >= ParallelThreshold) System.Threading.Tasks.Parallel.For(0, chunks, _panelPart);
                        else
                            for (int chunk = 0; chunk < chunks; chunk++) PanelPart(chunk);
                    }
                    SetStep(kb, blockEnd - kb);
                    Update(br, bc, _b, _m);
                }
            }
            finally
            {
                _a = null;
                _updateRows = _updateColumns = null;
            }
        }
        return true;
    }

    private void SetStep(int k, int b)
    {
        _k = k;
        _b = b;
        _start = k + b;
        _m = _n - _start;
    }

    /// <summary>Trailing rows -= packed columns' outer product, over the first <paramref name="columnLimit"/> trailing columns.</summary>
    private void Update(double* rows, double* columns, int depth, int columnLimit)
    {
        SetUpdate(rows, columns, depth, columnLimit);
        if (Parallel && _m >= ParallelThreshold) System.Threading.Tasks.Parallel.For(0, UpdateChunks, _updatePart);
        else UpdateRows(0, (_m + _tileRows - 1) / _tileRows);
    }

    private void SetUpdate(double* rows, double* columns, int depth, int columnLimit)
    {
        _updateRows = rows;
        _updateColumns = columns;
        _depth = depth;
        _columnLimit = columnLimit;
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>Cholesky of the b x b diagonal block starting at (k, k), left-looking within the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool FactorDiagonalBlock(double* a, int n, int k, int b)
    {
        for (int j = k; j < k + b; j++)
        {
            double* rj = a + (long)j * n;
            double d = rj[j] - Dot(rj + k, rj + k, j - k);
            if (!(d > 0)) return false;
            d = Math.Sqrt(d);
            rj[j] = d;
            double inv = 1.0 / d;
            for (int i = j + 1; i < k + b; i++)
            {
                double* ri = a + (long)i * n;
                ri[j] = (ri[j] - Dot(ri + k, rj + k, j - k)) * inv;
            }
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(double* x, double* y, int length)
    {
        int t = 0;
        double s = 0;
        if (Vector512.IsHardwareAccelerated && length >= 8)
        {
            var acc = Vector512<double>.Zero;
            for (; t + 8 <= length; t += 8) acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + t), Vector512.Load(y + t), acc);
            s = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= 4)
        {
            var acc = Vector256<double>.Zero;
            for (; t + 4 <= length; t += 4) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + t), Vector256.Load(y + t), acc);
            s = Vector256.Sum(acc);
        }
        for (; t < length; t++) s += x[t] * y[t];
        return s;
    }

    /// <summary>Copies the factored diagonal block's columns into rows (column j of L_kk is row j) and zeroes the padding of the packs the panel fills.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PreparePanel()
    {
        int k = _k, b = _b, n = _n;
        fixed (double* t = _transposed)
            for (int j = 0; j < b; j++)
                for (int i = j; i < b; i++) t[j * PanelWidth + i] = _a[(long)(k + i) * n + k + j];
        // the factor's rows as column tiles of depth PanelWidth (zero above the diagonal), for the blocked solve
        int nr = _tileColumns;
        fixed (double* f = _packedFactor)
            for (int i = 0; i < PanelWidth; i++)
                for (int s = 0; s < PanelWidth; s++)
                    f[(long)(i / nr) * PanelWidth * nr + s * nr + i % nr] = i < b && s <= i ? _a[(long)(k + i) * n + k + s] : 0;
        if (_lastPanel)
        {
            ZeroPadding(_blockRows, _tileRows, _blockDepth);
            ZeroPadding(_blockColumns, _tileColumns, _blockDepth);
        }
        else
        {
            ZeroPadding(_packedRows, _tileRows, b);
            ZeroPadding(_packedColumns, _tileColumns, b);
        }
    }

    private void ZeroPadding(double[] packed, int tile, int b)
    {
        int m = _m;
        for (int i = m; i < RoundUp(m, tile); i++)
        {
            int baseIndex = i / tile * b * tile + i % tile;
            for (int t = 0; t < b; t++) packed[baseIndex + t * tile] = 0;
        }
    }

    /// <summary>
    /// Chunk <paramref name="chunk"/> of the trailing rows in the current panel: solved and packed (unless done before),
    /// then, within a block, updated in the block's later columns with the panel's packs.
    /// </summary>
    private void PanelPart(int chunk)
    {
        int lo = chunk * ChunkRows, hi = Math.Min(_m, lo + ChunkRows);
        if (chunk >= _solvedChunks) SolveRows(lo, hi);
        if (!_lastPanel) UpdateRows(lo / _tileRows, (hi + _tileRows - 1) / _tileRows);
    }

    /// <summary>
    /// Rows [lo, hi) of the trailing rows: L_ik = A_ik L_kk^-T, blocked by <see cref="SolveWidth"/> columns: the solved
    /// columns' contribution to the next ones with the update kernel (<see cref="SubtractSolved"/>), then forward
    /// substitution within the step's triangle, then the step's columns into the row pack; the rows end in the column
    /// pack (the panel's packs for the inner update, or in the block's last panel the whole block's for the outer). With
    /// vectors, the substitution takes eight rows together (one vector division serves four rows' pivots, and the eight
    /// dependency chains overlap); the arithmetic of each row is the same as alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SolveRows(int lo, int hi)
    {
        // every panel but the matrix's last (which has no rows below it) is PanelWidth wide, a multiple of SolveWidth
        int b = _b, mr = _tileRows;
        System.Diagnostics.Debug.Assert(b % SolveWidth == 0);
        fixed (double* t = _transposed)
        fixed (double* panelRows = _packedRows)
        fixed (double* panelColumns = _packedColumns)
        fixed (double* blockRows = _blockRows)
        fixed (double* blockColumns = _blockColumns)
        {
            // the packed values of a row start at its block's first column in the last panel, at the panel's otherwise
            int depth = _lastPanel ? _blockDepth : b, offset = depth - b;
            double* pr = _lastPanel ? blockRows : panelRows, pc = _lastPanel ? blockColumns : panelColumns;
            bool vector = _shape != DenseKernelShape.Scalar;
            for (int i = lo; i < hi; i++) PackRow(RowOfPanel(i) - offset, i, depth, 0, offset, pr);
            for (int j0 = 0; j0 < b; j0 += SolveWidth)
            {
                int width = Math.Min(SolveWidth, b - j0);
                if (j0 > 0) SubtractSolved(lo, hi, j0, width, pr + (long)offset * mr, depth);
                double* triangle = t + j0 * PanelWidth + j0;
                int i = lo;
                if (vector)
                    for (; i + SolveGroup <= hi; i += SolveGroup) SolveEightRows(RowOfPanel(i) + j0, _n, width, triangle);
                for (; i < hi; i++) SolveRow(RowOfPanel(i) + j0, width, triangle, vector);
                for (i = lo; i < hi; i++) PackRow(RowOfPanel(i) - offset, i, depth, offset + j0, offset + j0 + width, pr);
            }
            int next = lo;
            if (Avx.IsSupported && _tileColumns % SolveGroup == 0 && depth % 4 == 0)
                for (; next % SolveGroup == 0 && next + SolveGroup <= hi; next += SolveGroup)
                    PackEightColumns(RowOfPanel(next) - offset, _n, depth,
                        pc + (long)(next / _tileColumns) * depth * _tileColumns + next % _tileColumns, _tileColumns);
            for (; next < hi; next++) PackColumn(RowOfPanel(next) - offset, next, depth, pc);
        }
    }

    /// <summary>Columns per step of the blocked solve (a multiple of every shape's tile columns; divides the panel width).</summary>
    private const int SolveWidth = 16;

    /// <summary>
    /// Rows [lo, hi) of the panel, columns [j0, j0 + width) -= their solved columns [0, j0) times the factor's rows
    /// [j0, j0 + width) transposed, with the update kernel: the solved columns from the row pack (at
    /// <paramref name="rows"/>, depth-major, <paramref name="depth"/> steps per row tile), the factor's rows from its pack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SubtractSolved(int lo, int hi, int j0, int width, double* rows, int depth)
    {
        int mr = _tileRows, nr = _tileColumns, n = _n;
        double* edge = stackalloc double[16 * 8];
        fixed (double* factor = _packedFactor)
            for (int i0 = lo; i0 < hi; i0 += mr)
            {
                double* tileRows = rows + (long)(i0 / mr) * depth * mr;
                for (int c0 = j0; c0 < j0 + width; c0 += nr)
                {
                    double* columns = factor + (long)c0 * PanelWidth;
                    double* c = RowOfPanel(i0) + c0;
                    if (i0 + mr <= hi)
                    {
                        DenseUpdateKernels.Tile(_shape, tileRows, columns, j0, c, n);
                        continue;
                    }
                    new Span<double>(edge, mr * nr).Clear();
                    DenseUpdateKernels.Tile(_shape, tileRows, columns, j0, edge, nr);
                    for (int r = 0; r < hi - i0; r++)
                        for (int s = 0; s < nr; s++) c[(long)r * n + s] += edge[r * nr + s];
                }
            }
    }

    private const int SolveGroup = 8;

    /// <summary>Trailing row i's values in the current panel's columns.</summary>
    private double* RowOfPanel(int i) => _a + (long)(_start + i) * _n + _k;

    /// <summary>One row x (b values) := x L_kk^-T, with the factor's columns as rows of <paramref name="t"/>.</summary>
    private static void SolveRow(double* x, int b, double* t, bool vector)
    {
        for (int j = 0; j < b; j++)
        {
            double* column = t + j * PanelWidth;
            double v = x[j] / column[j];
            x[j] = v;
            int s = j + 1;
            if (vector)
            {
                var vv = Vector256.Create(v);
                for (; s + 4 <= b; s += 4) Vector256.Store(Vector256.Load(x + s) - vv * Vector256.Load(column + s), x + s);
            }
            for (; s < b; s++) x[s] -= v * column[s];
        }
    }

    /// <summary><see cref="SolveRow"/> on eight rows <paramref name="n"/> apart, interleaved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SolveEightRows(double* x0, int n, int b, double* t)
    {
        double* x1 = x0 + n, x2 = x1 + n, x3 = x2 + n, x4 = x3 + n, x5 = x4 + n, x6 = x5 + n, x7 = x6 + n;
        for (int j = 0; j < b; j++)
        {
            double* column = t + j * PanelWidth;
            var pivot = Vector256.Create(column[j]);
            var low = Vector256.Create(x0[j], x1[j], x2[j], x3[j]) / pivot;
            var high = Vector256.Create(x4[j], x5[j], x6[j], x7[j]) / pivot;
            double v0 = low.GetElement(0), v1 = low.GetElement(1), v2 = low.GetElement(2), v3 = low.GetElement(3);
            double v4 = high.GetElement(0), v5 = high.GetElement(1), v6 = high.GetElement(2), v7 = high.GetElement(3);
            x0[j] = v0; x1[j] = v1; x2[j] = v2; x3[j] = v3; x4[j] = v4; x5[j] = v5; x6[j] = v6; x7[j] = v7;
            int s = j + 1;
            var w0 = Vector256.Create(v0); var w1 = Vector256.Create(v1); var w2 = Vector256.Create(v2); var w3 = Vector256.Create(v3);
            var w4 = Vector256.Create(v4); var w5 = Vector256.Create(v5); var w6 = Vector256.Create(v6); var w7 = Vector256.Create(v7);
            for (; s + 4 <= b; s += 4)
            {
                var c = Vector256.Load(column + s);
                Vector256.Store(Vector256.Load(x0 + s) - w0 * c, x0 + s);
                Vector256.Store(Vector256.Load(x1 + s) - w1 * c, x1 + s);
                Vector256.Store(Vector256.Load(x2 + s) - w2 * c, x2 + s);
                Vector256.Store(Vector256.Load(x3 + s) - w3 * c, x3 + s);
                Vector256.Store(Vector256.Load(x4 + s) - w4 * c, x4 + s);
                Vector256.Store(Vector256.Load(x5 + s) - w5 * c, x5 + s);
                Vector256.Store(Vector256.Load(x6 + s) - w6 * c, x6 + s);
                Vector256.Store(Vector256.Load(x7 + s) - w7 * c, x7 + s);
            }
            for (; s < b; s++)
            {
                double c = column[s];
                x0[s] -= v0 * c; x1[s] -= v1 * c; x2[s] -= v2 * c; x3[s] -= v3 * c;
                x4[s] -= v4 * c; x5[s] -= v5 * c; x6[s] -= v6 * c; x7[s] -= v7 * c;
            }
        }
    }

    /// <summary>Row i of the trailing rows (its values at x) into the row-tile pack of depth <paramref name="depth"/>, steps [from, to).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackRow(double* x, int i, int depth, int from, int to, double* rows)
    {
        double* rowTile = rows + (long)(i / _tileRows) * depth * _tileRows + i % _tileRows;
        for (int s = from; s < to; s++) rowTile[s * _tileRows] = x[s];
    }

    /// <summary>
    /// Eight rows <paramref name="n"/> apart (<paramref name="depth"/> values each, a multiple of 4) into eight
    /// consecutive places of a column tile <paramref name="tile"/> wide: 4 x 4 transposes, whole vectors stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackEightColumns(double* x, int n, int depth, double* target, int tile)
    {
        for (int half = 0; half < 2; half++, x += 4L * n, target += 4)
        {
            double* x0 = x, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            for (int s = 0; s < depth; s += 4)
            {
                var r0 = Avx.LoadVector256(x0 + s); var r1 = Avx.LoadVector256(x1 + s);
                var r2 = Avx.LoadVector256(x2 + s); var r3 = Avx.LoadVector256(x3 + s);
                var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
                double* step = target + (long)s * tile;
                Avx.Store(step, Avx.Permute2x128(t0, t2, 0x20));
                Avx.Store(step + tile, Avx.Permute2x128(t1, t3, 0x20));
                Avx.Store(step + 2 * tile, Avx.Permute2x128(t0, t2, 0x31));
                Avx.Store(step + 3 * tile, Avx.Permute2x128(t1, t3, 0x31));
            }
        }
    }

    /// <summary>Row i of the trailing rows (its values at x) into the column-tile pack of depth <paramref name="depth"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackColumn(double* x, int i, int depth, double* columns)
    {
        double* columnTile = columns + (long)(i / _tileColumns) * depth * _tileColumns + i % _tileColumns;
        for (int s = 0; s < depth; s++) columnTile[s * _tileColumns] = x[s];
    }

    /// <summary>Number of row tiles in a chunk of the parallel update (about 48 rows).</summary>
    private int TilesPerChunk => Math.Max(1, ChunkRows / _tileRows);

    private int UpdateChunks => ((_m + _tileRows - 1) / _tileRows + TilesPerChunk - 1) / TilesPerChunk;

    /// <summary>One chunk of row tiles, the last rows (the longest) first.</summary>
    private void UpdatePart(int chunk)
    {
        int rowTiles = (_m + _tileRows - 1) / _tileRows;
        int first = (UpdateChunks - 1 - chunk) * TilesPerChunk;
        UpdateRows(first, Math.Min(rowTiles, first + TilesPerChunk));
    }

    /// <summary>
    /// Asks for the next tile of the trailing matrix into the cache while the kernel runs: its rows lie
    /// <paramref name="n"/> apart (one page or more), too many streams for the hardware's own prefetching.
    /// </summary>
    private static void PrefetchTile(double* c, int rows, int columns, int n)
    {
        for (int r = 0; r < rows; r++, c += n)
        {
            for (int s = 0; s < columns; s += 8) Sse.Prefetch0(c + s);
            Sse.Prefetch0(c + columns - 1);
        }
    }

    /// <summary>
    /// Trailing lower triangle -= packed rows' and columns' product over the row tiles [firstTile, endTile) and the first
    /// trailing columns the update reaches: by blocks of rows (their packed rows stay in the second-level cache),
    /// then by column tiles (one stays in the first-level cache while the block's row tiles pass it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateRows(int firstTile, int endTile)
    {
        int m = _m, depth = _depth, n = _n, mr = _tileRows, nr = _tileColumns, limit = _columnLimit;
        int blockTiles = Math.Max(1, RowBlockDoubles / depth / mr);
        double* edge = stackalloc double[16 * 8];
        double* corner = _a + (long)_start * n + _start;
        double* pr = _updateRows, pc = _updateColumns;
        for (int tb = firstTile; tb < endTile; tb += blockTiles)
        {
            int tEnd = Math.Min(endTile, tb + blockTiles);
            int lastColumn = Math.Min(Math.Min(m, tEnd * mr), limit) - 1;
            for (int j0 = 0; j0 <= lastColumn; j0 += nr)
            {
                double* columns = pc + (long)j0 * depth;
                for (int tile = Math.Max(tb, j0 / mr); tile < tEnd; tile++)
                {
                    int i0 = tile * mr;
                    double* rows = pr + (long)i0 * depth;
                    double* c = corner + (long)i0 * n + j0;
                    if (Sse.IsSupported && tile + 1 < tEnd) PrefetchTile(c + (long)mr * n, mr, nr, n);
                    if (i0 + mr <= m && j0 + nr - 1 <= i0 && j0 + nr <= limit)
                    {
                        DenseUpdateKernels.Tile(_shape, rows, columns, depth, c, n);
                        continue;
                    }
                    new Span<double>(edge, mr * nr).Clear();
                    DenseUpdateKernels.Tile(_shape, rows, columns, depth, edge, nr);
                    for (int r = 0; r < mr && i0 + r < m; r++)
                        for (int s = 0; s < nr && j0 + s <= i0 + r && j0 + s < limit; s++) c[(long)r * n + s] += edge[r * nr + s];
                }
            }
        }
    }
}
