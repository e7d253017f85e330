namespace MixedEffects.Design;

/// <summary>
/// The fixed-effects model matrix X after dropping columns that are linearly dependent on earlier ones
/// (lme4: pivoted QR with tolerance 1e-7, which keeps columns in order and moves dependent ones out).
/// </summary>
public sealed class FixedEffectsMatrix
{
    /// <summary>Relative tolerance below which a column counts as dependent on the columns before it.</summary>
    public const double RankTolerance = 1e-7;

    private FixedEffectsMatrix(ModelMatrix matrix, IReadOnlyList<string> dropped, ModelMatrix full)
    {
        Matrix = matrix;
        DroppedColumns = dropped;
        FullMatrix = full;
    }

    /// <summary>The kept columns.</summary>
    public ModelMatrix Matrix { get; }

    /// <summary>The full matrix before dropping dependent columns.</summary>
    public ModelMatrix FullMatrix { get; }

    /// <summary>Names of the columns dropped for rank deficiency (empty when X has full rank).</summary>
    public IReadOnlyList<string> DroppedColumns { get; }

    /// <summary>Number of kept columns (p).</summary>
    public int ColumnCount => Matrix.ColumnCount;

    /// <summary>Builds X from the frame's fixed terms and drops dependent columns.</summary>
    public static FixedEffectsMatrix Build(ModelFrame frame, ContrastCoding coding)
    {
        var full = ModelMatrixBuilder.Build(frame.Specification.Fixed, frame, coding);
        var keep = IndependentColumns(full.Columns, full.RowCount);
        var dropped = Enumerable.Range(0, full.ColumnCount).Except(keep).Select(j => full.ColumnNames[j]).ToArray();
        return new FixedEffectsMatrix(full.SelectColumns(keep), dropped, full);
    }

    /// <summary>
    /// Indices of the columns kept by in-order Householder-free Gram-Schmidt (two passes): a column is dropped
    /// when its norm after projection on the kept columns is below <see cref="RankTolerance"/> times its norm.
    /// </summary>
    internal static List<int> IndependentColumns(IReadOnlyList<double[]> columns, int n)
    {
        var basis = new List<double[]>();
        var keep = new List<int>();
        for (int j = 0; j < columns.Count; j++)
        {
            var r = (double[])columns[j].Clone();
            double norm0 = Math.Sqrt(Dot(r, r));
            if (norm0 == 0) continue;
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var q in basis)
                {
                    double d = Dot(q, r);
                    for (int i = 0; i < n; i++) r[i] -= d * q[i];
                }
            }
            double norm = Math.Sqrt(Dot(r, r));
            if (norm < RankTolerance * norm0) continue;
            for (int i = 0; i < n; i++) r[i] /= norm;
            basis.Add(r);
            keep.Add(j);
        }
        return keep;
    }

    /// <summary>
    /// The dot product with four running sums (plain code, compiled ahead of time, so that building X does not
    /// wait for the JIT to compile a vectorized kernel; only the rank decision uses these sums).
    /// </summary>
    private static double Dot(double[] a, double[] b)
    {
        int n = a.Length, i = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; i <= n - 4; i += 4)
        {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }
}
