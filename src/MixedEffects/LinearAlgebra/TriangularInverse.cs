using System.Runtime.Intrinsics;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The inverse X = L^-1 of the leading n x n part of a lower-triangular factor (row-major, any row stride), blocked by
/// rows: for each block I of rows, X_I,&lt;I = -L_II^-1 (L_I,&lt;I X_&lt;I,&lt;I), whose product, about n^3/6 multiply-adds
/// in all (as many as the Cholesky factorization), runs on the dense Cholesky's register-tile kernel
/// (<see cref="DenseUpdateKernels"/>) with each column tile's product started at its first nonzero row; then the block's
/// own triangle by forward substitution. The result is handed out column by column (<see cref="Column"/>: column j of
/// L^-1 is contiguous, entries j..n-1), the form its users need: the lower triangle is copied into the upper one of the
/// same buffer, which is cleared again at the next call. Buffers are kept across calls. Not thread-safe.
/// </summary>
internal sealed unsafe class TriangularInverse
{
    private readonly DenseKernelShape _shape;
    private readonly int _tileRows;
    private readonly int _tileColumns;
    private readonly int _blockRows;
    private readonly int _stride;
    private readonly double[] _x;          // L^-1 row-major (stride _stride), its strict upper part zero; then its transpose
    private readonly double[] _packedRows;
    private readonly double[][] _packedColumns;  // one per part of the column tiles

    /// <summary>An inverse for orders up to <paramref name="capacity"/> with the processor's best kernel.</summary>
    public TriangularInverse(int capacity) : this(capacity, DenseKernelShapes.Best)
    {
    }

    /// <summary>An inverse with a given kernel shape (tests run every shape on any processor).</summary>
    public TriangularInverse(int capacity, DenseKernelShape shape)
    {
        Capacity = Math.Max(capacity, 1);
        _shape = shape;
        _tileRows = DenseKernelShapes.Rows(shape);
        _tileColumns = DenseKernelShapes.Columns(shape);
        _blockRows = Math.Max(1, 64 / _tileRows) * _tileRows;
        int rows = RoundUp(Capacity, _blockRows);
        _stride = RoundUp(Capacity, 16) + 16;
        _x = GC.AllocateArray<double>(rows * _stride, pinned: true);
        _packedRows = GC.AllocateArray<double>(_blockRows * rows, pinned: true);
        _packedColumns = [GC.AllocateArray<double>(_tileColumns * rows, pinned: true), GC.AllocateArray<double>(_tileColumns * rows, pinned: true)];
    }

    /// <summary>
    /// Whether the products of large blocks use two threads (on by default when the machine has more than one core):
    /// the column tiles are dealt alternately to two parts, each tile computed by one of them, so the result does not
    /// depend on the threads.
    /// </summary>
    public bool Parallel { get; init; } = Environment.ProcessorCount > 1;

    private const int ParallelThreshold = 256;

    /// <summary>The largest order this instance inverts.</summary>
    public int Capacity { get; }

    /// <summary>The order of the last inversion.</summary>
    public int Order { get; private set; }

    /// <summary>Column j of L^-1 from row j down (length Order - j), after <see cref="Invert"/>.</summary>
    public ReadOnlySpan<double> Column(int j) => _x.AsSpan(j * _stride + j, Order - j);

    /// <summary>
    /// Inverts the leading <paramref name="n"/> rows and columns of the lower-triangular <paramref name="l"/>
    /// (row-major, row stride <paramref name="ldl"/>), which must have a nonzero diagonal.
    /// </summary>
    public void Invert(double[] l, int ldl, int n)
    {
        if (n > Capacity) throw new ArgumentOutOfRangeException(nameof(n), "the matrix is larger than the inverse's capacity");
        ClearUpperTriangle(Order);
        Order = n;
        fixed (double* pl = l)
        fixed (double* px = _x)
        {
            for (int i0 = 0; i0 < n; i0 += _blockRows)
            {
                int i1 = Math.Min(n, i0 + _blockRows);
                if (i0 > 0) SubtractEarlierRows(pl, ldl, px, i0, i1);
                SolveBlock(pl, ldl, px, i0, i1);
            }
        }
        Transpose(n);
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>X[I, 0..i0) = -L[I, 0..i0) X[0..i0, 0..i0) for the rows I = [i0, i1), tile by tile.</summary>
    private void SubtractEarlierRows(double* l, int ldl, double* x, int i0, int i1)
    {
        int mr = _tileRows, stride = _stride;
        int rowTiles = (i1 - i0 + mr - 1) / mr;
        fixed (double* pr = _packedRows)
        {
            // the block's rows of L, depth-major per row tile (rows past i1 stay zero)
            for (int tile = 0; tile < rowTiles; tile++)
            {
                double* target = pr + (long)tile * i0 * mr;
                for (int r = 0; r < mr; r++)
                {
                    int i = i0 + tile * mr + r;
                    if (i < i1)
                    {
                        double* row = l + (long)i * ldl;
                        for (int t = 0; t < i0; t++) target[t * mr + r] = row[t];
                    }
                    else
                        for (int t = 0; t < i0; t++) target[t * mr + r] = 0;
                }
            }
            for (int i = i0; i < i0 + rowTiles * mr; i++) new Span<double>(x + (long)i * stride, i0 + _tileColumns).Clear();
        }
        if (Parallel && i0 >= ParallelThreshold)
        {
            var (lx, li0, lRowTiles) = ((nint)x, i0, rowTiles);
            System.Threading.Tasks.Parallel.For(0, 2, part => SubtractPart((double*)lx, li0, lRowTiles, part, 2));
        }
        else SubtractPart(x, i0, rowTiles, 0, 1);
    }

    /// <summary>The column tiles part, part + parts, ... of <see cref="SubtractEarlierRows"/>, with that part's pack.</summary>
    private void SubtractPart(double* x, int i0, int rowTiles, int part, int parts)
    {
        int mr = _tileRows, nr = _tileColumns, stride = _stride;
        fixed (double* pr = _packedRows)
        fixed (double* pc = _packedColumns[part])
        {
            for (int c0 = part * nr; c0 < i0; c0 += parts * nr)
            {
                // columns c0..c0+nr of X from row c0 (the first that can be nonzero) to i0, depth-major
                int depth = i0 - c0;
                for (int t = 0; t < depth; t++)
                    new ReadOnlySpan<double>(x + (long)(c0 + t) * stride + c0, nr).CopyTo(new Span<double>(pc + (long)t * nr, nr));
                for (int tile = 0; tile < rowTiles; tile++)
                    DenseUpdateKernels.Tile(_shape, pr + (long)tile * i0 * mr + (long)c0 * mr, pc, depth,
                        x + (long)(i0 + tile * mr) * stride + c0, stride);
            }
        }
    }

    /// <summary>Rows [i0, i1) of X := L_II^-1 ([X_I,&lt;I, I]) by forward substitution within the block.</summary>
    private void SolveBlock(double* l, int ldl, double* x, int i0, int i1)
    {
        int stride = _stride;
        for (int i = i0; i < i1; i++)
        {
            double* row = x + (long)i * stride;
            double* li = l + (long)i * ldl;
            new Span<double>(row + i0, i1 - i0).Clear();
            if (i0 == 0) new Span<double>(row, i0).Clear();
            for (int t = i0; t < i; t++) Axpy(-li[t], x + (long)t * stride, row, t + 1);
            row[i] += 1;
            double inverse = 1 / li[i];
            Scale(row, inverse, i + 1);
        }
    }

    private static void Axpy(double a, double* x, double* y, int length)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; t + 4 <= length; t += 4) Vector256.Store(Vector256.Load(y + t) + va * Vector256.Load(x + t), y + t);
        }
        for (; t < length; t++) y[t] += a * x[t];
    }

    private static void Scale(double* x, double a, int length)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; t + 4 <= length; t += 4) Vector256.Store(Vector256.Load(x + t) * va, x + t);
        }
        for (; t < length; t++) x[t] *= a;
    }

    /// <summary>Copies the strict lower triangle of X into the upper one (column j into row j), in cache-sized squares.</summary>
    private void Transpose(int n)
    {
        const int square = 32;
        var x = _x;
        int stride = _stride;
        for (int j0 = 0; j0 < n; j0 += square)
            for (int i0 = j0; i0 < n; i0 += square)
            {
                int jEnd = Math.Min(n, j0 + square), iEnd = Math.Min(n, i0 + square);
                for (int j = j0; j < jEnd; j++)
                    for (int i = Math.Max(i0, j + 1); i < iEnd; i++) x[j * stride + i] = x[i * stride + j];
            }
    }

    /// <summary>Zeroes what <see cref="Transpose"/> wrote for the previous order: the products need X's upper part zero.</summary>
    private void ClearUpperTriangle(int previous)
    {
        for (int j = 0; j < previous; j++) _x.AsSpan(j * _stride + j + 1, previous - j - 1).Clear();
    }
}
