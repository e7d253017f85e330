namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Per random-effects term, the trace of S = (L L')^-1 over that term's diagonal, for factors whose terms are all
/// scalar and whose front supernodes have no front rows (one front term crossed with the dense terms, as InstEval's
/// students with lecturers and departments). S covers the front and the leading <c>order</c> rows of the dense block
/// (the random effects for ML; with the fixed effects for REML). With X = L_D^-1 for that part of the dense block
/// (<see cref="TriangularInverse"/>): a dense index i has S_ii = |X e_i|^2, and a front supernode k with diagonal l_k
/// and coupling rows b_k (L's entries below it, all in the dense block) has S_kk = (1 + |X b_k|^2) / l_k^2, Takahashi's
/// recurrence with S_DD = X'X. No entry of S off its diagonal is formed; the cost is one triangular inverse (about
/// the dense Cholesky's multiply-adds) and one sparse product per front level. Buffers are kept across calls.
/// </summary>
internal sealed class InverseDiagonalTraces
{
    private readonly FactorLayout _l;
    private readonly TriangularInverse _inverse;
    private readonly int[] _termOfDense;
    private readonly int[] _termOfSupernode;
    private readonly double[][] _z;          // per half of the front
    private readonly double[][] _frontSums;  // per half of the front, per term

    // the call in progress, for the halves
    private int _order;
    private BlockValues? _dense;
    private double[] _diagonal = [];

    public InverseDiagonalTraces(FactorLayout layout) : this(layout, Environment.ProcessorCount > 1)
    {
    }

    /// <summary>Traces for <paramref name="layout"/>, with or without a second thread (see <see cref="Parallel"/>).</summary>
    public InverseDiagonalTraces(FactorLayout layout, bool parallel)
    {
        _l = layout;
        Parallel = parallel;
        _inverse = new TriangularInverse(layout.M) { Parallel = parallel };
        var terms = layout.Terms;
        _termOfDense = new int[layout.RestRandomEffects];
        for (int i = layout.FrontTermCount; i < terms.Count; i++)
            Array.Fill(_termOfDense, i, layout.RestOffsets[i], terms[i].RandomEffectCount);
        _termOfSupernode = new int[layout.SupernodeCount];
        for (int i = 0; i < layout.FrontTermCount; i++)
            Array.Fill(_termOfSupernode, i, layout.SupernodeOffsets[i], terms[i].LevelCount);
        _z = [new double[layout.M], new double[layout.M]];
        _frontSums = [new double[terms.Count], new double[terms.Count]];
    }

    /// <summary>
    /// Whether the two halves of the front (and the inverse's large blocks) run on two threads (on by default when the
    /// machine has more than one core). The halves are summed separately and then added, with or without threads.
    /// </summary>
    public bool Parallel { get; }

    /// <summary>Whether the layout has the structure these traces need: scalar terms, no front rows.</summary>
    public static bool Applies(FactorLayout layout) =>
        layout.Terms.All(t => t.ColumnCount == 1) && layout.FrontRows.All(r => r.Length == 0);

    /// <summary>
    /// The traces per term (term order) from an up-to-date factor.
    /// </summary>
    /// <param name="diag">L's diagonal of the front (one entry per scalar supernode).</param>
    /// <param name="dense">L's dense coupling rows per supernode (dense rows x 1).</param>
    /// <param name="denseFactor">The factored dense block (M x M lower, row-major).</param>
    /// <param name="order">Number of leading dense rows included (q_dense for ML, q_dense + p for REML).</param>
    public double[] Compute(double[] diag, BlockValues dense, double[] denseFactor, int order)
    {
        var l = _l;
        var traces = new double[l.Terms.Count];
        _inverse.Invert(denseFactor, l.M, order);
        for (int i = 0; i < l.RestRandomEffects; i++)
        {
            var column = _inverse.Column(i);
            traces[_termOfDense[i]] += System.Numerics.Tensors.TensorPrimitives.Dot(column, column);
        }
        _order = order;
        _dense = dense;
        _diagonal = diag;
        if (Parallel && l.SupernodeCount >= 1000) System.Threading.Tasks.Parallel.For(0, 2, FrontHalf);
        else
        {
            FrontHalf(0);
            FrontHalf(1);
        }
        _dense = null;
        _diagonal = [];
        for (int t = 0; t < traces.Length; t++) traces[t] += _frontSums[0][t] + _frontSums[1][t];
        return traces;
    }

    /// <summary>Adds S_kk over the supernodes of one half of the front to that half's sums.</summary>
    private void FrontHalf(int half)
    {
        var l = _l;
        int order = _order;
        var z = _z[half];
        var sums = _frontSums[half];
        Array.Clear(sums);
        int half0 = l.SupernodeCount / 2;
        int kEnd = half == 0 ? half0 : l.SupernodeCount;
        for (int k = half == 0 ? 0 : half0; k < kEnd; k++)
        {
            var rows = l.DenseRows[k];
            int count = SelectedInverse.RowsWithin(rows, order);
            double quadratic = 0;
            if (count > 0)
            {
                int first = rows[0];
                var zk = z.AsSpan(first, order - first);
                zk.Clear();
                var b = _dense![k];
                for (int e = 0; e < count; e++)
                {
                    int r = rows[e];
                    var target = z.AsSpan(r, order - r);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_inverse.Column(r), b[e], target, target);
                }
                quadratic = System.Numerics.Tensors.TensorPrimitives.Dot(zk, zk);
            }
            double lk = _diagonal[l.DiagonalOffset[k]];
            sums[_termOfSupernode[k]] += (1 + quadratic) / (lk * lk);
        }
    }
}
