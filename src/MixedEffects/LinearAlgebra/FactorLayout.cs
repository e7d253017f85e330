using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The symbolic structure of the blocked factor L of [Lambda'Z'WZ Lambda + I, ...; X y], found once from the levels.
/// The leading terms whose blocks of L stay block-diagonal (the first term, and each later term nested in the ones
/// before it: a class belongs to one school) form the sparse front: one supernode per level (its s x s diagonal
/// block) with a sorted list of the rows below it, closed under elimination (no fill-in is lost). The remaining
/// terms, where crossing fills in, X and y form one dense block of order <see cref="M"/>. Memory is the nonzeros of
/// the front plus M squared, estimated here before anything is allocated.
/// </summary>
internal sealed class FactorLayout
{
    public FactorLayout(IReadOnlyList<RandomEffectsTerm> terms, int p, int n) : this(terms, p, n, n)
    {
    }

    /// <summary>
    /// The layout for <paramref name="n"/> observations whose level pattern is given by <paramref name="patternRows"/>
    /// rows of the terms' codes (for aggregated data: one row per distinct combination of the grouping levels).
    /// </summary>
    public FactorLayout(IReadOnlyList<RandomEffectsTerm> terms, int p, int n, int patternRows)
    {
        Terms = terms;
        P = p;
        RowCount = n;
        FrontTermCount = SparseFrontTerms([.. terms], patternRows);
        int f = FrontTermCount;

        TermOffsets = new int[terms.Count];
        int q = 0;
        for (int i = 0; i < terms.Count; i++) { TermOffsets[i] = q; q += terms[i].RandomEffectCount; }
        RandomEffectCount = q;
        FrontSize = f == terms.Count ? q : TermOffsets[f];
        RestOffsets = new int[terms.Count];
        for (int i = f; i < terms.Count; i++) RestOffsets[i] = TermOffsets[i] - FrontSize;
        RestRandomEffects = q - FrontSize;
        M = RestRandomEffects + p + 1;
        CheckDenseBlockFits(terms, f);

        SupernodeOffsets = new int[f + 1];
        for (int i = 0; i < f; i++) SupernodeOffsets[i + 1] = SupernodeOffsets[i] + terms[i].LevelCount;
        int k = SupernodeOffsets[f];
        SupernodeCount = k;
        Width = new int[k];
        ColumnStart = new int[k];
        DiagonalOffset = new int[k + 1];
        for (int i = 0; i < f; i++)
        {
            int s = terms[i].ColumnCount;
            for (int g = 0; g < terms[i].LevelCount; g++)
            {
                int sn = SupernodeOffsets[i] + g;
                Width[sn] = s;
                ColumnStart[sn] = TermOffsets[i] + g * s;
                DiagonalOffset[sn + 1] = DiagonalOffset[sn] + s * s;
            }
        }
        FrontValueOffsets = new int[k + 1];
        DenseValueOffsets = new int[k + 1];
        SupernodeOfColumn = new int[FrontSize];
        for (int sn = 0; sn < k; sn++)
            for (int c = 0; c < Width[sn]; c++) SupernodeOfColumn[ColumnStart[sn] + c] = sn;
        (FrontRows, DenseRows) = Patterns([.. terms], f, patternRows);
        for (int sn = 0; sn < k; sn++)
        {
            FrontValueOffsets[sn + 1] = FrontValueOffsets[sn] + FrontRows[sn].Length * Width[sn];
            DenseValueOffsets[sn + 1] = DenseValueOffsets[sn] + DenseRows[sn].Length * Width[sn];
        }
        DenseRowsContiguous = DenseRows.Select(r => r.Length == 0 || r[^1] - r[0] == r.Length - 1).ToArray();
        AllScalarFront = terms.Take(f).All(t => t.ColumnCount == 1);
        BuildOccurrences();
        UpdateTargets = BuildUpdateTargets();
    }

    /// <summary>The random-effects terms, in lme4's order.</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }

    /// <summary>Number of fixed-effects columns.</summary>
    public int P { get; }

    /// <summary>Number of observations.</summary>
    public int RowCount { get; }

    /// <summary>Number of leading terms in the sparse front.</summary>
    public int FrontTermCount { get; }

    /// <summary>Offset of each term's random effects in u (term order, level-major).</summary>
    public int[] TermOffsets { get; }

    /// <summary>Total number of random effects.</summary>
    public int RandomEffectCount { get; }

    /// <summary>Random effects in the sparse front (they come first in u).</summary>
    public int FrontSize { get; }

    /// <summary>Order of the dense block: random effects of the dense terms, then X, then y.</summary>
    public int M { get; }

    /// <summary>Random effects of the dense terms (their rows come first in the dense block).</summary>
    public int RestRandomEffects { get; }

    /// <summary>Offset of each dense term's random effects within the dense block (front terms: unused).</summary>
    public int[] RestOffsets { get; }

    /// <summary>Number of supernodes (levels of the front terms).</summary>
    public int SupernodeCount { get; }

    /// <summary>First supernode of each front term (and the count at the end).</summary>
    public int[] SupernodeOffsets { get; }

    /// <summary>Columns of each supernode.</summary>
    public int[] Width { get; }

    /// <summary>Index in u of each supernode's first column.</summary>
    public int[] ColumnStart { get; }

    /// <summary>Offset of each supernode's s x s diagonal block in the flat diagonal storage (and the total).</summary>
    public int[] DiagonalOffset { get; }

    /// <summary>The supernode each front column belongs to.</summary>
    public int[] SupernodeOfColumn { get; }

    /// <summary>Per supernode, the front rows (indices in u, sorted) below its diagonal block.</summary>
    public int[][] FrontRows { get; }

    /// <summary>Per supernode, the dense-block rows (sorted) below it.</summary>
    public int[][] DenseRows { get; }

    /// <summary>Per supernode, the index of its first front coupling value (front rows x s), and the total.</summary>
    public int[] FrontValueOffsets { get; }

    /// <summary>Per supernode, the index of its first dense coupling value (dense rows x s), and the total.</summary>
    public int[] DenseValueOffsets { get; }

    /// <summary>Per supernode, whether its dense rows are consecutive.</summary>
    public bool[] DenseRowsContiguous { get; }

    /// <summary>Whether every front term is scalar.</summary>
    public bool AllScalarFront { get; }

    /// <summary>Per dense row r, the (supernode, position) pairs with DenseRows[supernode][position] == r (compressed).</summary>
    public int[] OccurrenceStart { get; private set; } = [];

    /// <summary>Supernode of each occurrence.</summary>
    public int[] OccurrenceSupernode { get; private set; } = [];

    /// <summary>Position within the supernode's dense rows of each occurrence.</summary>
    public int[] OccurrencePosition { get; private set; } = [];

    /// <summary>
    /// Per supernode k, where the rank-s update of each pair (a, b) of its rows with a a front row lands: for each front
    /// row a (in order) and each row b at or after it (front rows, then dense rows), an encoded target (kind + 3 index:
    /// 0 diagonal storage, 1 front values of a's supernode, 2 dense values of a's supernode).
    /// </summary>
    public int[][] UpdateTargets { get; }

    /// <summary>The index of a dense term's random effect in the dense block.</summary>
    public int DenseIndex(int term, int level, int column) => RestOffsets[term] + level * Terms[term].ColumnCount + column;

    /// <summary>Bytes the values of the factor and of the cross products take (both).</summary>
    public long EstimatedBytes()
    {
        long front = DiagonalOffset[SupernodeCount];
        for (int k = 0; k < SupernodeCount; k++) front += (long)(FrontRows[k].Length + DenseRows[k].Length) * Width[k];
        return 2 * 8 * (front + (long)M * M);
    }

    /// <summary>
    /// Floating-point operations of one factorization: per supernode of width s with f front and d dense rows, its
    /// Cholesky (s^3/6 multiply-adds), the triangular solves of its rows (s^2/2 each), the updates of the later
    /// supernodes (s per pair of a front row with a later row) and of the dense block (s per pair of dense rows); then
    /// the dense block's copy and scaling (M^2) and its Cholesky (M^3/6). Each multiply-add counts as two operations.
    /// </summary>
    public double EstimatedFlops()
    {
        double fma = 0;
        for (int k = 0; k < SupernodeCount; k++)
        {
            double s = Width[k], f = FrontRows[k].Length, d = DenseRows[k].Length;
            fma += s * s * s / 6 + (f + d) * s * s / 2 + (f * (f + 1) / 2 + f * d) * s + d * (d + 1) / 2 * s;
        }
        double m = M;
        fma += m * m + m * m * m / 6;
        return 2 * fma;
    }

    /// <summary>
    /// The number of leading terms whose blocks of L stay block-diagonal: eliminating the levels in order (each level
    /// passes its pattern to its parent, the first later level it couples to) never makes two levels of one term
    /// couple. Stops at the first term where that happens; it and the terms after it go to the dense block.
    /// </summary>
    private static int SparseFrontTerms(RandomEffectsTerm[] terms, int n)
    {
        if (terms.Length == 1) return 1;
        var itemOffset = new int[terms.Length + 1];
        for (int i = 0; i < terms.Length; i++) itemOffset[i + 1] = itemOffset[i] + terms[i].LevelCount;
        var termOf = new int[itemOffset[^1]];
        for (int i = 0; i < terms.Length; i++) Array.Fill(termOf, i, itemOffset[i], terms[i].LevelCount);
        var items = new int[terms.Length];
        // each list at its final size from the start (no growing copies: less garbage for the collector to scan)
        var sizes = new int[itemOffset[^1]];
        for (int r = 0; r < n; r++)
        {
            if (SameLevels(terms, r)) continue;
            for (int i = 0; i < terms.Length - 1; i++) sizes[itemOffset[i] + terms[i].Code(r)] += terms.Length - 1 - i;
        }
        var patterns = new List<int>[itemOffset[^1]];
        for (int i = 0; i < patterns.Length; i++) patterns[i] = new List<int>(sizes[i]);
        for (int r = 0; r < n; r++)
        {
            if (SameLevels(terms, r)) continue;
            for (int i = 0; i < terms.Length; i++) items[i] = itemOffset[i] + terms[i].Code(r);
            for (int i = 0; i < terms.Length - 1; i++)
                for (int j = i + 1; j < terms.Length; j++) patterns[items[i]].Add(items[j]);
        }
        for (int item = 0; item < patterns.Length; item++)
        {
            var pattern = SortedDistinct(patterns[item]);
            patterns[item] = [];
            if (pattern.Length == 0) continue;
            int t = termOf[item];
            if (termOf[pattern[0]] == t) return t;
            var parent = patterns[pattern[0]];
            for (int e = 1; e < pattern.Length; e++) parent.Add(pattern[e]);
        }
        return terms.Length;
    }

    /// <summary>
    /// Whether row <paramref name="r"/> has the levels of row r - 1 in every term: it adds nothing to the pattern
    /// (long data sorted by subject repeat them row after row).
    /// </summary>
    internal static bool SameLevels(RandomEffectsTerm[] terms, int r)
    {
        if (r == 0) return false;
        for (int i = 0; i < terms.Length; i++)
            if (terms[i].Code(r) != terms[i].Code(r - 1)) return false;
        return true;
    }

    /// <summary>The values of <paramref name="list"/> sorted, each once.</summary>
    private static int[] SortedDistinct(List<int> list)
    {
        if (list.Count == 0) return [];
        var values = list.ToArray();
        Array.Sort(values);
        int k = 1;
        for (int i = 1; i < values.Length; i++)
            if (values[i] != values[k - 1]) values[k++] = values[i];
        return k == values.Length ? values : values[..k];
    }

    private void CheckDenseBlockFits(IReadOnlyList<RandomEffectsTerm> terms, int front)
    {
        long bytes = 2L * 8 * M * M;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if ((long)M * M <= int.MaxValue && bytes <= available * 3 / 4) return;
        string names = string.Join(", ", terms.Skip(front).Select(t => $"({t.TermText})"));
        throw new ModelTooLargeException(
            $"the random-effects term{(terms.Count - front == 1 ? "" : "s")} {names} cross{(terms.Count - front == 1 ? "es" : "")} the earlier terms and form a dense block of order {M} in the factor, " +
            $"which needs {FormatBytes(bytes)}; {FormatBytes(available)} of memory is available");
    }

    private static string FormatBytes(long bytes) =>
        bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.0} GB" : $"{bytes / (double)(1L << 20):0.0} MB";

    /// <summary>Front and dense row patterns of every supernode, closed under elimination.</summary>
    private (int[][] Front, int[][] Dense) Patterns(RandomEffectsTerm[] terms, int f, int n)
    {
        int k = SupernodeCount;
        var sn = new int[f];
        // each list at its size from the rows from the start (no growing copies: less garbage for the collector to scan)
        var frontSizes = new int[k];
        var denseSizes = new int[k];
        int denseWidth = terms.Skip(f).Sum(t => t.ColumnCount);
        for (int r = 0; r < n; r++)
        {
            if (SameLevels(terms, r)) continue;
            for (int i = 0; i < f; i++) sn[i] = SupernodeOffsets[i] + terms[i].Code(r);
            for (int i = 0; i < f; i++)
            {
                for (int j = i + 1; j < f; j++) frontSizes[sn[i]] += Width[sn[j]];
                denseSizes[sn[i]] += denseWidth;
            }
        }
        var front = new List<int>[k];
        var dense = new List<int>[k];
        for (int i = 0; i < k; i++) { front[i] = new List<int>(frontSizes[i]); dense[i] = new List<int>(denseSizes[i] + P + 1); }
        for (int r = 0; r < n; r++)
        {
            if (SameLevels(terms, r)) continue;
            for (int i = 0; i < f; i++) sn[i] = SupernodeOffsets[i] + terms[i].Code(r);
            for (int i = 0; i < f; i++)
            {
                for (int j = i + 1; j < f; j++)
                {
                    int start = ColumnStart[sn[j]];
                    for (int c = 0; c < Width[sn[j]]; c++) front[sn[i]].Add(start + c);
                }
                for (int j = f; j < terms.Length; j++)
                {
                    int s = terms[j].ColumnCount, code = terms[j].Code(r);
                    for (int c = 0; c < s; c++) dense[sn[i]].Add(DenseIndex(j, code, c));
                }
            }
        }
        var frontRows = new int[k][];
        var denseRows = new int[k][];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= P; j++) dense[i].Add(RestRandomEffects + j);
            var fr = SortedDistinct(front[i]);
            var dr = SortedDistinct(dense[i]);
            // the same rows as the supernode before (every subject of a long panel): one array for both
            if (i > 0 && dr.AsSpan().SequenceEqual(denseRows[i - 1])) dr = denseRows[i - 1];
            front[i] = dense[i] = [];
            frontRows[i] = fr;
            denseRows[i] = dr;
            if (fr.Length == 0) continue;
            int parent = SupernodeOfColumn[fr[0]];
            int parentEnd = ColumnStart[parent] + Width[parent];
            foreach (int row in fr) if (row >= parentEnd) front[parent].Add(row);
            dense[parent].AddRange(dr);
        }
        return (frontRows, denseRows);
    }

    private void BuildOccurrences()
    {
        var start = new int[M + 1];
        foreach (var rows in DenseRows) foreach (int r in rows) start[r + 1]++;
        for (int r = 0; r < M; r++) start[r + 1] += start[r];
        var fill = (int[])start.Clone();
        var supernode = new int[start[M]];
        var position = new int[start[M]];
        for (int k = 0; k < DenseRows.Length; k++)
        {
            var rows = DenseRows[k];
            for (int e = 0; e < rows.Length; e++)
            {
                int o = fill[rows[e]]++;
                supernode[o] = k;
                position[o] = e;
            }
        }
        OccurrenceStart = start;
        OccurrenceSupernode = supernode;
        OccurrencePosition = position;
    }

    private int[][] BuildUpdateTargets()
    {
        var targets = new int[SupernodeCount][];
        for (int k = 0; k < SupernodeCount; k++)
        {
            var fr = FrontRows[k];
            var dr = DenseRows[k];
            var list = new List<int>();
            for (int ia = 0; ia < fr.Length; ia++)
            {
                int a = fr[ia], ka = SupernodeOfColumn[a], sa = Width[ka], oa = a - ColumnStart[ka];
                int end = ColumnStart[ka] + sa;
                for (int ib = ia; ib < fr.Length; ib++)
                {
                    int b = fr[ib];
                    if (b < end) list.Add(3 * (DiagonalOffset[ka] + (b - ColumnStart[ka]) * sa + oa));
                    else list.Add(3 * (Position(FrontRows[ka], b) * sa + oa) + 1);
                }
                foreach (int d in dr) list.Add(3 * (Position(DenseRows[ka], d) * sa + oa) + 2);
            }
            targets[k] = list.ToArray();
        }
        return targets;
    }

    private static int Position(int[] rows, int row)
    {
        int pos = Array.BinarySearch(rows, row);
        if (pos < 0) throw new InvalidOperationException("the factor's pattern is not closed under elimination");
        return pos;
    }
}
