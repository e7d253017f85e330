using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// What the term-wise inference (ANOVA contrasts) needs of the fixed part: the frame that defines the terms' variables,
/// the kept fixed-effect columns and the coding. For an in-memory fit the frame is the data's; for a fit from
/// aggregates it holds one row per distinct combination of the fixed-effect variables, and <see cref="RowCounts"/> (the
/// number of rows of each combination) weight every cross product so that it equals the data's.
/// </summary>
/// <param name="Frame">The frame the fixed-effect columns are built on.</param>
/// <param name="X">The kept fixed-effect columns on <see cref="Frame"/>.</param>
/// <param name="FullX">All fixed-effect columns on <see cref="Frame"/>, before dependent ones were dropped.</param>
/// <param name="Coding">The contrast coding of the fit.</param>
/// <param name="RowCounts">How many data rows each row of <see cref="Frame"/> stands for, or null for one each.</param>
internal sealed record FixedTermDesign(ModelFrame Frame, ModelMatrix X, ModelMatrix FullX, ContrastCoding Coding, double[]? RowCounts)
{
    /// <summary>The columns of <paramref name="terms"/> on the frame.</summary>
    public ModelMatrix Build(TermList terms, ContrastCoding coding, bool useFactorContrasts) =>
        ModelMatrixBuilder.Build(terms, Frame, coding, useFactorContrasts);

    /// <summary>The data's cross products a'b of columns built on the frame (weighted by <see cref="RowCounts"/>).</summary>
    public double[,] Cross(IReadOnlyList<double[]> a, IReadOnlyList<double[]> b)
    {
        var weighted = RowCounts is { } counts ? a.Select(c => c.Select((v, i) => v * counts[i]).ToArray()).ToArray() : a;
        var m = new double[a.Count, b.Count];
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++) m[i, j] = System.Numerics.Tensors.TensorPrimitives.Dot(weighted[i], b[j]);
        return m;
    }

    /// <summary>The indices of the linearly independent columns of <paramref name="m"/> (in order) over the data's rows.</summary>
    public List<int> IndependentColumns(ModelMatrix m)
    {
        var columns = RowCounts is { } counts
            ? m.Columns.Select(c => c.Select((v, i) => v * Math.Sqrt(counts[i])).ToArray()).ToArray()
            : m.Columns;
        return FixedEffectsMatrix.IndependentColumns(columns, m.RowCount);
    }
}
