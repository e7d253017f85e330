using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The weighted cross-product matrix A = [Z X y]'W[Z X y] in blocked form, computed once per model.
/// The first random-effects term (the one with most levels) forms a block-diagonal block (one s0 x s0 block
/// per level); its coupling to everything else is kept per level as a short sparse list of rows; the
/// remaining random effects, X and y form one dense symmetric block of order m (lower triangle, row-major).
/// No later computation touches the n observations.
/// </summary>
internal sealed class BlockedCrossProducts
{
    /// <summary>Builds the cross products. <paramref name="y"/> is the (working) response, <paramref name="weights"/> may be null.</summary>
    public BlockedCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, double[] y, double[]? weights)
    {
        Terms = terms;
        int n = y.Length;
        RowCount = n;
        P = xColumns.Count;
        var first = terms[0];
        S0 = first.ColumnCount;
        L0 = first.LevelCount;
        RestOffsets = new int[terms.Count];
        int offset = 0;
        for (int i = 1; i < terms.Count; i++)
        {
            RestOffsets[i] = offset;
            offset += terms[i].RandomEffectCount;
        }
        RestRandomEffects = offset;
        M = offset + P + 1;

        int entries = terms.Skip(1).Sum(t => t.ColumnCount) + P + 1;
        var rowIdx = new int[entries];
        var rowVal = new double[entries];
        Diagonal0 = new double[L0 * S0 * S0];
        Dense = new double[(long)M * M is var size && size <= int.MaxValue ? (int)size
            : throw new ModelSpecificationException($"the random effects after the first term need a dense block of order {M}, too large for this version")];

        var rowsByLevel = GroupRowsByLevel(first, n);
        var acc = new double[M * S0];
        var touched = new bool[M];
        var touchedList = new List<int>();
        LevelRows = new int[L0][];
        LevelValues = new double[L0][];
        var z0 = new double[S0];
        for (int g = 0; g < L0; g++)
        {
            foreach (int r in rowsByLevel[g])
            {
                double w = weights?[r] ?? 1.0;
                for (int c = 0; c < S0; c++) z0[c] = first.Value(r, c);
                int e = FillRestEntries(r, xColumns, y, rowIdx, rowVal);
                var d0 = Diagonal0.AsSpan(g * S0 * S0, S0 * S0);
                for (int a = 0; a < S0; a++)
                    for (int b = 0; b < S0; b++)
                        d0[a * S0 + b] += w * z0[a] * z0[b];
                for (int k = 0; k < e; k++)
                {
                    int idx = rowIdx[k];
                    if (!touched[idx]) { touched[idx] = true; touchedList.Add(idx); }
                    double wv = w * rowVal[k];
                    for (int c = 0; c < S0; c++) acc[idx * S0 + c] += wv * z0[c];
                    // dense block: lower triangle, entries are in increasing index order
                    int rowBase = idx * M;
                    for (int k2 = 0; k2 <= k; k2++) Dense[rowBase + rowIdx[k2]] += wv * rowVal[k2];
                }
            }
            touchedList.Sort();
            var idxs = touchedList.ToArray();
            var vals = new double[idxs.Length * S0];
            for (int t = 0; t < idxs.Length; t++)
            {
                for (int c = 0; c < S0; c++) vals[t * S0 + c] = acc[idxs[t] * S0 + c];
                Array.Clear(acc, idxs[t] * S0, S0);
                touched[idxs[t]] = false;
            }
            touchedList.Clear();
            LevelRows[g] = idxs;
            LevelValues[g] = vals;
        }
        BuildRowOccurrences();
        LevelRowsContiguous = LevelRows.Select(r => r.Length == 0 || r[^1] - r[0] == r.Length - 1).ToArray();
        if (weights is not null)
            SumLogWeights = weights.Sum(w => w > 0 ? Math.Log(w) : 0);
    }

    /// <summary>The random-effects terms, first term first.</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }

    /// <summary>Number of observations.</summary>
    public int RowCount { get; }

    /// <summary>Number of fixed-effects columns.</summary>
    public int P { get; }

    /// <summary>Columns per level of the first term.</summary>
    public int S0 { get; }

    /// <summary>Levels of the first term.</summary>
    public int L0 { get; }

    /// <summary>Order of the dense block: random effects of the later terms, then X, then y.</summary>
    public int M { get; }

    /// <summary>Number of random effects of the later terms (their rows come first in the dense block).</summary>
    public int RestRandomEffects { get; }

    /// <summary>Offset of each later term's random effects within the dense block (index 0 unused).</summary>
    public int[] RestOffsets { get; }

    /// <summary>Z0'WZ0: one s0 x s0 block per level.</summary>
    public double[] Diagonal0 { get; }

    /// <summary>For each level of the first term, the dense-block rows it couples to (sorted).</summary>
    public int[][] LevelRows { get; }

    /// <summary>For each level of the first term, whether its rows are consecutive dense-block indices.</summary>
    public bool[] LevelRowsContiguous { get; }

    /// <summary>For each level of the first term, the coupling values, rows x s0 row-major.</summary>
    public double[][] LevelValues { get; }

    /// <summary>The dense block [Z_rest X y]'W[Z_rest X y], lower triangle, row-major M x M.</summary>
    public double[] Dense { get; }

    /// <summary>
    /// For each dense-block row r, the (level, position) pairs with LevelRows[level][position] == r, stored as
    /// a compressed list: entries OccurrenceStart[r] .. OccurrenceStart[r + 1] - 1 of OccurrenceLevel and
    /// OccurrencePosition. Lets the first term's contribution be subtracted row by row (cache-friendly, parallel).
    /// </summary>
    public int[] OccurrenceStart { get; private set; } = [];

    /// <summary>Level of each occurrence (see <see cref="OccurrenceStart"/>).</summary>
    public int[] OccurrenceLevel { get; private set; } = [];

    /// <summary>Position within the level's rows of each occurrence (see <see cref="OccurrenceStart"/>).</summary>
    public int[] OccurrencePosition { get; private set; } = [];

    private void BuildRowOccurrences()
    {
        var start = new int[M + 1];
        foreach (var rows in LevelRows) foreach (int r in rows) start[r + 1]++;
        for (int r = 0; r < M; r++) start[r + 1] += start[r];
        var fill = (int[])start.Clone();
        var level = new int[start[M]];
        var position = new int[start[M]];
        for (int g = 0; g < LevelRows.Length; g++)
        {
            var rows = LevelRows[g];
            for (int e = 0; e < rows.Length; e++)
            {
                int k = fill[rows[e]]++;
                level[k] = g;
                position[k] = e;
            }
        }
        OccurrenceStart = start;
        OccurrenceLevel = level;
        OccurrencePosition = position;
    }

    /// <summary>Sum of log prior weights (0 without weights).</summary>
    public double SumLogWeights { get; }

    /// <summary>Writes the non-zero entries of row r of [Z_rest X y] in increasing index order; returns the count.</summary>
    private int FillRestEntries(int r, IReadOnlyList<double[]> xColumns, double[] y, int[] idx, double[] val)
    {
        int e = 0;
        for (int i = 1; i < Terms.Count; i++)
        {
            var t = Terms[i];
            int s = t.ColumnCount;
            int baseIndex = RestOffsets[i] + t.Code(r) * s;
            for (int c = 0; c < s; c++) { idx[e] = baseIndex + c; val[e] = t.Value(r, c); e++; }
        }
        for (int j = 0; j < P; j++) { idx[e] = RestRandomEffects + j; val[e] = xColumns[j][r]; e++; }
        idx[e] = M - 1; val[e] = y[r]; e++;
        // later terms' blocks are laid out in term order, so entries are already sorted
        return e;
    }

    private static List<int>[] GroupRowsByLevel(RandomEffectsTerm term, int n)
    {
        var lists = new List<int>[term.LevelCount];
        for (int g = 0; g < lists.Length; g++) lists[g] = new List<int>();
        for (int r = 0; r < n; r++) lists[term.Code(r)].Add(r);
        return lists;
    }
}
