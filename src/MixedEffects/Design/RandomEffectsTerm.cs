namespace MixedEffects.Design;

/// <summary>
/// One random-effects term <c>(columns | group)</c>: the grouping factor, the per-row model-matrix values
/// of its <see cref="ColumnCount"/> columns, and the shape of its relative covariance factor lambda
/// (lower triangular, filled column-wise from theta as lme4 does).
/// </summary>
public sealed class RandomEffectsTerm
{
    private readonly double[] _values;
    private readonly int[] _codes;

    internal RandomEffectsTerm(string groupName, IReadOnlyList<string> levels, int[] codes,
        IReadOnlyList<string> columnNames, double[] values, string termText)
    {
        GroupName = groupName;
        Levels = levels;
        _codes = codes;
        ColumnNames = columnNames;
        _values = values;
        TermText = termText;
    }

    /// <summary>The grouping factor's name, e.g. <c>Subject</c> or <c>cask:batch</c>.</summary>
    public string GroupName { get; }

    /// <summary>The term as written in lme4's notation, e.g. <c>Days | Subject</c>.</summary>
    public string TermText { get; }

    /// <summary>The grouping factor's levels (only those observed).</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>The random-effect columns' names, e.g. <c>(Intercept)</c>, <c>Days</c>.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Number of columns per level (s).</summary>
    public int ColumnCount => ColumnNames.Count;

    /// <summary>Number of levels (l).</summary>
    public int LevelCount => Levels.Count;

    /// <summary>Number of random effects (q = l s).</summary>
    public int RandomEffectCount => LevelCount * ColumnCount;

    /// <summary>Number of covariance parameters: s (s + 1) / 2.</summary>
    public int ThetaCount => ColumnCount * (ColumnCount + 1) / 2;

    /// <summary>Level code of an observation (-1 on new data for a group not seen in fitting).</summary>
    internal int Code(int row) => _codes[row];

    /// <summary>Level codes of all observations (owned by the term; do not modify).</summary>
    internal ReadOnlySpan<int> Codes => _codes;

    /// <summary>Model-matrix values of all observations, row-major n x s (owned by the term; do not modify).</summary>
    internal ReadOnlySpan<double> Values => _values;

    /// <summary>Model-matrix value of an observation for one column.</summary>
    internal double Value(int row, int column) => _values[row * ColumnCount + column];

    /// <summary>Lower bounds of this term's theta: 0 on the diagonal of lambda, -infinity off it.</summary>
    public IEnumerable<double> ThetaLowerBounds()
    {
        int s = ColumnCount;
        for (int j = 0; j < s; j++)
            for (int i = j; i < s; i++)
                yield return i == j ? 0.0 : double.NegativeInfinity;
    }

    /// <summary>Starting theta: 1 on the diagonal, 0 off it.</summary>
    public IEnumerable<double> ThetaStart() => ThetaLowerBounds().Select(b => b == 0.0 ? 1.0 : 0.0);

    /// <summary>The relative covariance Lambda Lambda' (s x s, row-major) of this term's slice of theta.</summary>
    internal double[] RelativeCovariance(ReadOnlySpan<double> theta)
    {
        int s = ColumnCount;
        var lam = new double[s * s];
        FillLambda(theta, lam);
        var cov = new double[s * s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int k = 0; k < s; k++) v += lam[i * s + k] * lam[j * s + k];
                cov[i * s + j] = v;
            }
        return cov;
    }

    /// <summary>Fills the s x s lower-triangular lambda (row-major) from this term's slice of theta.</summary>
    internal void FillLambda(ReadOnlySpan<double> theta, Span<double> lambda)
    {
        int s = ColumnCount;
        lambda.Clear();
        int k = 0;
        for (int j = 0; j < s; j++)
            for (int i = j; i < s; i++)
                lambda[i * s + j] = theta[k++];
    }
}
