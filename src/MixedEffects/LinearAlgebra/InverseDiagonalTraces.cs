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
    private readonly double[] _z;

    public InverseDiagonalTraces(FactorLayout layout)
    {
        _l = layout;
        _inverse = new TriangularInverse(layout.M);
        var terms = layout.Terms;
        _termOfDense = new int[layout.RestRandomEffects];
        for (int i = layout.FrontTermCount; i < terms.Count; i++)
            Array.Fill(_termOfDense, i, layout.RestOffsets[i], terms[i].RandomEffectCount);
        _termOfSupernode = new int[layout.SupernodeCount];
        for (int i = 0; i < layout.FrontTermCount; i++)
            Array.Fill(_termOfSupernode, i, layout.SupernodeOffsets[i], terms[i].LevelCount);
        _z = new double[layout.M];
    }

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
    public double[] Compute(double[] diag, double[][] dense, double[] denseFactor, int order)
    {
        var l = _l;
        var traces = new double[l.Terms.Count];
        _inverse.Invert(denseFactor, l.M, order);
        for (int i = 0; i < l.RestRandomEffects; i++)
        {
            var column = _inverse.Column(i);
            traces[_termOfDense[i]] += System.Numerics.Tensors.TensorPrimitives.Dot(column, column);
        }
        var z = _z;
        for (int k = 0; k < l.SupernodeCount; k++)
        {
            var rows = l.DenseRows[k];
            int count = SelectedInverse.RowsWithin(rows, order);
            double quadratic = 0;
            if (count > 0)
            {
                int first = rows[0];
                var zk = z.AsSpan(first, order - first);
                zk.Clear();
                var b = dense[k];
                for (int e = 0; e < count; e++)
                {
                    int r = rows[e];
                    var target = z.AsSpan(r, order - r);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(_inverse.Column(r), b[e], target, target);
                }
                quadratic = System.Numerics.Tensors.TensorPrimitives.Dot(zk, zk);
            }
            double lk = diag[l.DiagonalOffset[k]];
            traces[_termOfSupernode[k]] += (1 + quadratic) / (lk * lk);
        }
        return traces;
    }
}
