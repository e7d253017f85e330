using MixedEffects.Data;

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
    public static ContrastMatrix For(ContrastCoding coding, IReadOnlyList<string> levels) => coding switch
    {
        ContrastCoding.Treatment => For(FactorContrasts.Treatment, levels),
        ContrastCoding.Sum => For(FactorContrasts.Sum, levels),
        ContrastCoding.Helmert => For(FactorContrasts.Helmert, levels),
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, "unknown contrast coding"),
    };

    /// <summary>A factor's own coding (R's <c>contrasts(f)</c>) for these levels.</summary>
    public static ContrastMatrix For(FactorContrasts contrasts, IReadOnlyList<string> levels) =>
        new(contrasts.Matrix(levels), contrasts.ColumnSuffixes(levels));
}
