namespace MixedEffects.Design;

/// <summary>
/// The coding matrix of one factor: one row per level, one column per model-matrix column,
/// with the suffixes R appends to the factor's name (<c>SexMale</c>, <c>recipe1</c>).
/// </summary>
internal sealed class ContrastMatrix
{
    private ContrastMatrix(double[,] values, string[] suffixes)
    {
        Values = values;
        Suffixes = suffixes;
    }

    /// <summary>Coding values, [level, column].</summary>
    public double[,] Values { get; }

    /// <summary>Column-name suffixes appended to the variable name.</summary>
    public string[] Suffixes { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => Suffixes.Length;

    /// <summary>Full indicator (dummy) coding: one column per level.</summary>
    public static ContrastMatrix Indicators(IReadOnlyList<string> levels)
    {
        int k = levels.Count;
        var v = new double[k, k];
        for (int i = 0; i < k; i++) v[i, i] = 1;
        return new ContrastMatrix(v, levels.ToArray());
    }

    /// <summary>The contrast coding R uses for a factor with these levels.</summary>
    public static ContrastMatrix For(ContrastCoding coding, IReadOnlyList<string> levels)
    {
        int k = levels.Count;
        var v = new double[k, Math.Max(k - 1, 0)];
        switch (coding)
        {
            case ContrastCoding.Treatment:
                for (int j = 1; j < k; j++) v[j, j - 1] = 1;
                return new ContrastMatrix(v, levels.Skip(1).ToArray());
            case ContrastCoding.Sum:
                for (int j = 0; j < k - 1; j++) { v[j, j] = 1; v[k - 1, j] = -1; }
                return new ContrastMatrix(v, Enumerable.Range(1, k - 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            case ContrastCoding.Helmert:
                for (int j = 0; j < k - 1; j++)
                {
                    for (int i = 0; i <= j; i++) v[i, j] = -1;
                    v[j + 1, j] = j + 1;
                }
                return new ContrastMatrix(v, Enumerable.Range(1, k - 1).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            default:
                throw new ArgumentOutOfRangeException(nameof(coding), coding, "unknown contrast coding");
        }
    }
}
