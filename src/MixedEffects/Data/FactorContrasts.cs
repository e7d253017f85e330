using System.Globalization;

namespace MixedEffects.Data;

/// <summary>
/// How one factor is coded in a model matrix, as R's <c>contrasts(f)</c>: <c>contr.treatment(base = k)</c>,
/// <c>contr.sum</c>, <c>contr.helmert</c>, <c>contr.poly</c> or a custom matrix (<c>contrasts(f) &lt;- cbind(...)</c>).
/// Immutable.
/// </summary>
public sealed class FactorContrasts
{
    private readonly double[,]? _custom;
    private readonly string[]? _customNames;

    private FactorContrasts(string name, int baseLevel, double[,]? custom, string[]? customNames)
    {
        Name = name;
        BaseLevel = baseLevel;
        _custom = custom;
        _customNames = customNames;
    }

    /// <summary>R's name of the coding: <c>contr.treatment</c>, <c>contr.sum</c>, <c>contr.helmert</c>, <c>contr.poly</c> or <c>custom</c>.</summary>
    public string Name { get; }

    /// <summary>The 1-based reference level of treatment coding (R's <c>base</c>).</summary>
    public int BaseLevel { get; }

    /// <summary>R's <c>contr.treatment</c>: the first level is the reference.</summary>
    public static FactorContrasts Treatment { get; } = new("contr.treatment", 1, null, null);

    /// <summary>R's <c>contr.sum</c>: effects sum to zero, the last level is coded -1; columns named 1, 2, ...</summary>
    public static FactorContrasts Sum { get; } = new("contr.sum", 1, null, null);

    /// <summary>R's <c>contr.helmert</c>: each level against the mean of the levels before it.</summary>
    public static FactorContrasts Helmert { get; } = new("contr.helmert", 1, null, null);

    /// <summary>R's <c>contr.poly</c> (default for ordered factors): orthonormal polynomials in equally spaced scores; columns .L, .Q, .C, ^4, ...</summary>
    public static FactorContrasts Poly { get; } = new("contr.poly", 1, null, null);

    /// <summary>R's <c>contr.treatment(n, base = k)</c>: level <paramref name="baseLevel"/> (1-based) is the reference.</summary>
    public static FactorContrasts TreatmentWithBase(int baseLevel)
    {
        if (baseLevel < 1) throw new ArgumentOutOfRangeException(nameof(baseLevel), baseLevel, "the base level is 1-based");
        return new("contr.treatment", baseLevel, null, null);
    }

    /// <summary>
    /// A custom contrast matrix, one row per level (in the factor's level order) and one column per contrast. With fewer than
    /// (levels - 1) columns, R's <c>contrasts&lt;-</c> completes it with an orthogonal complement of the intercept and the given
    /// columns, and so does this coding.
    /// </summary>
    /// <param name="matrix">Values [level, column].</param>
    /// <param name="columnNames">Column-name suffixes; null for R's default (1, 2, ...).</param>
    public static FactorContrasts Custom(double[,] matrix, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.GetLength(1) == 0) throw new ArgumentException("a contrast matrix needs at least one column", nameof(matrix));
        if (columnNames is not null && columnNames.Count != matrix.GetLength(1))
            throw new ArgumentException($"{columnNames.Count} column names for {matrix.GetLength(1)} columns", nameof(columnNames));
        return new("custom", 1, (double[,])matrix.Clone(), columnNames?.ToArray());
    }

    /// <summary>Parses <c>treatment</c>, <c>treatment(k)</c>, <c>sum</c>, <c>helmert</c>, <c>poly</c> (also with the <c>contr.</c> prefix).</summary>
    /// <exception cref="ModelSpecificationException">An unknown name.</exception>
    public static FactorContrasts Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.StartsWith("contr.", StringComparison.Ordinal)) t = t[6..];
        if (t.StartsWith("treatment(", StringComparison.Ordinal) && t.EndsWith(')'))
        {
            string inner = t[10..^1].Replace("base", "", StringComparison.Ordinal).Replace("=", "", StringComparison.Ordinal).Trim();
            if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out int b) && b >= 1) return TreatmentWithBase(b);
        }
        return t switch
        {
            "treatment" => Treatment,
            "sum" => Sum,
            "helmert" => Helmert,
            "poly" => Poly,
            _ => throw new ModelSpecificationException(
                $"unknown contrast coding '{text}' (use treatment, treatment(k), sum, helmert or poly)"),
        };
    }

    /// <summary>The coding matrix [level, column] for a factor with these levels.</summary>
    /// <exception cref="ModelSpecificationException">The coding does not fit the number of levels.</exception>
    public double[,] Matrix(IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        int k = levels.Count;
        var v = new double[k, Math.Max(k - 1, 0)];
        switch (Name)
        {
            case "contr.treatment":
                if (BaseLevel > Math.Max(k, 1))
                    throw new ModelSpecificationException($"baseline level {BaseLevel} is larger than the number of levels ({k})");
                for (int j = 0, col = 0; j < k; j++)
                    if (j != BaseLevel - 1) v[j, col++] = 1;
                return v;
            case "contr.sum":
                for (int j = 0; j < k - 1; j++) { v[j, j] = 1; v[k - 1, j] = -1; }
                return v;
            case "contr.helmert":
                for (int j = 0; j < k - 1; j++)
                {
                    for (int i = 0; i <= j; i++) v[i, j] = -1;
                    v[j + 1, j] = j + 1;
                }
                return v;
            case "contr.poly":
                return PolynomialContrasts.Matrix(k);
            default:
                return CustomContrastCompletion.Complete(_custom!, k);
        }
    }

    /// <summary>The suffixes R appends to the factor's name for each column.</summary>
    public string[] ColumnSuffixes(IReadOnlyList<string> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        int k = levels.Count;
        return Name switch
        {
            "contr.treatment" => levels.Where((_, j) => j != BaseLevel - 1).ToArray(),
            "contr.poly" => PolynomialContrasts.Suffixes(k),
            "custom" => CustomSuffixes(k),
            _ => Numbered(k - 1),
        };
    }

    private string[] CustomSuffixes(int k)
    {
        int given = _custom!.GetLength(1), total = Math.Max(given, k - 1);
        if (_customNames is null) return Numbered(total);
        return _customNames.Concat(Enumerable.Repeat("", total - given)).ToArray();
    }

    private static string[] Numbered(int count) =>
        Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <inheritdoc />
    public override string ToString() => Name == "contr.treatment" && BaseLevel != 1 ? $"contr.treatment(base = {BaseLevel})" : Name;
}
