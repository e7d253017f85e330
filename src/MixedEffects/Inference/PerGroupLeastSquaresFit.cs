namespace MixedEffects.Inference;

/// <summary>
/// Separate least-squares fits of one formula within each level of a grouping factor (lme4's <c>lmList</c>,
/// the no-pooling model of pymer4's <c>Lm2</c>). Immutable; arrays returned are copies.
/// </summary>
public sealed class PerGroupLeastSquaresFit
{
    private readonly double[,] _coefficients;

    internal PerGroupLeastSquaresFit(string formula, string group, IReadOnlyList<string> columns, IReadOnlyList<string> levels,
        double[,] coefficients, IReadOnlyList<LeastSquaresFit?> fits)
    {
        Formula = formula;
        Group = group;
        Columns = columns;
        Levels = levels;
        _coefficients = coefficients;
        Fits = fits;
    }

    /// <summary>The formula fitted within each group.</summary>
    public string Formula { get; }

    /// <summary>The grouping variable's name.</summary>
    public string Group { get; }

    /// <summary>Coefficient names, in R's order for the whole data.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The group levels, in factor order.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>
    /// Coefficients: row i is level <c>Levels[i]</c>, column j is <c>Columns[j]</c> (lme4's <c>coef(lmList(...))</c>).
    /// NaN where a group cannot estimate a coefficient (R's NA).
    /// </summary>
    public double[,] Coefficients => (double[,])_coefficients.Clone();

    /// <summary>The fit of each level, or null where the group has too few observations to fit.</summary>
    public IReadOnlyList<LeastSquaresFit?> Fits { get; }
}
