namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Places aggregated sums into the blocked cross products where a pass over the observations would have accumulated
/// them: a front term's s x s diagonal blocks and its rows below (front or dense), the dense block's lower triangle.
/// </summary>
internal sealed class CrossProductFiller
{
    private readonly BlockedCrossProducts _a;
    private readonly FactorLayout _l;

    public CrossProductFiller(BlockedCrossProducts products)
    {
        _a = products;
        _l = products.Layout;
    }

    /// <summary>[X y]'[X y] for the kept columns <paramref name="keep"/> of the full cross products (y last).</summary>
    public void FixedBlock(double[,] cross, int[] keep)
    {
        int r = _l.RestRandomEffects, m = _l.M, y = cross.GetLength(0) - 1;
        var entries = keep.Append(y).ToArray();
        for (int a = 0; a < entries.Length; a++)
            for (int b = 0; b <= a; b++)
                _a.Dense[(r + a) * m + r + b] = cross[entries[a], entries[b]];
    }

    /// <summary>
    /// One term's per-level sums in the term query's order: Z'Z lower triangle (row by row), then per column of Z its
    /// products with the <paramref name="p"/> kept X columns and y.
    /// </summary>
    public void Term(int term, IReadOnlyList<double[]> sums, int p)
    {
        int s = _l.Terms[term].ColumnCount;
        for (int g = 0; g < sums.Count; g++)
        {
            var v = sums[g];
            int e = 0;
            for (int a = 0; a < s; a++)
                for (int b = 0; b <= a; b++) Within(term, g, a, b, v[e++]);
            for (int a = 0; a < s; a++)
                for (int j = 0; j <= p; j++) Below(term, g, a, _l.RestRandomEffects + j, v[e++]);
        }
    }

    /// <summary>Z_i'Z_j for level <paramref name="g"/> of term i (column a) and level <paramref name="h"/> of the later term j (column b).</summary>
    public void Pair(int i, int g, int a, int j, int h, int b, double value)
    {
        if (value == 0) return;
        if (j < _l.FrontTermCount)
        {
            int k = _l.SupernodeOffsets[i] + g;
            int row = _l.TermOffsets[j] + h * _l.Terms[j].ColumnCount + b;
            int pos = Array.BinarySearch(_l.FrontRows[k], row);
            _a.FrontValues[k][pos * _l.Width[k] + a] += value;
            return;
        }
        Below(i, g, a, _l.DenseIndex(j, h, b), value);
    }

    private void Within(int term, int g, int a, int b, double value)
    {
        int s = _l.Terms[term].ColumnCount;
        if (term < _l.FrontTermCount)
        {
            int offset = _l.DiagonalOffset[_l.SupernodeOffsets[term] + g];
            _a.Diagonal[offset + a * s + b] = value;
            _a.Diagonal[offset + b * s + a] = value;
            return;
        }
        _a.Dense[_l.DenseIndex(term, g, a) * _l.M + _l.DenseIndex(term, g, b)] = value;
    }

    /// <summary>Adds to the entry of (term, level g, column a) and the dense row <paramref name="denseRow"/> after it.</summary>
    private void Below(int term, int g, int a, int denseRow, double value)
    {
        if (term < _l.FrontTermCount)
        {
            int k = _l.SupernodeOffsets[term] + g;
            int pos = Array.BinarySearch(_l.DenseRows[k], denseRow);
            _a.DenseValues[k][pos * _l.Width[k] + a] += value;
            return;
        }
        _a.Dense[denseRow * _l.M + _l.DenseIndex(term, g, a)] += value;
    }
}
