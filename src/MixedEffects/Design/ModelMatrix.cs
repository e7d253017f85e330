namespace MixedEffects.Design;

/// <summary>
/// A model matrix built from a term list: columns in R's order with R's names, and for each column
/// the index of the term it codes (-1 for the intercept), as R's <c>assign</c> attribute.
/// </summary>
/// <param name="Columns">The columns (each of length <see cref="RowCount"/>).</param>
/// <param name="ColumnNames">R's column names, e.g. <c>(Intercept)</c>, <c>Days</c>, <c>taskB:stimulusY</c>.</param>
/// <param name="TermIndex">For each column, the index into <see cref="TermLabels"/>; -1 for the intercept.</param>
/// <param name="TermLabels">The term labels, e.g. <c>task</c>, <c>stimulus</c>, <c>task:stimulus</c>.</param>
/// <param name="RowCount">Number of rows.</param>
public sealed record ModelMatrix(double[][] Columns, string[] ColumnNames, int[] TermIndex, string[] TermLabels, int RowCount)
{
    /// <summary>Number of columns.</summary>
    public int ColumnCount => Columns.Length;

    /// <summary>A copy holding only the given columns, in that order.</summary>
    public ModelMatrix SelectColumns(IReadOnlyList<int> keep) => this with
    {
        Columns = keep.Select(j => Columns[j]).ToArray(),
        ColumnNames = keep.Select(j => ColumnNames[j]).ToArray(),
        TermIndex = keep.Select(j => TermIndex[j]).ToArray(),
    };
}
