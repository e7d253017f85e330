using MixedEffects.Data;
using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// Evaluates a model variable on a data frame: a column, <c>factor(x)</c>, transformations such as
/// <c>log(x)</c> or <c>I(x^2)</c>, and arithmetic on numeric columns. Text columns become factors with
/// levels in ordinal (C-locale) order; <c>factor()</c> of a numeric column sorts its values numerically.
/// </summary>
public static class VariableEvaluator
{
    /// <summary>Evaluates a model variable; the result is named by the variable's R label.</summary>
    /// <exception cref="UnknownColumnException">The variable reads a column the frame does not have.</exception>
    /// <exception cref="ModelSpecificationException">An unknown function, or arithmetic on a categorical variable.</exception>
    public static EvaluatedVariable Evaluate(ModelVariable variable, Dataset frame)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return Evaluate(variable.Expression, frame);
    }

    /// <summary>Evaluates an expression on every row; the result is named by <see cref="FormulaExpression.ToRString"/>.</summary>
    /// <exception cref="UnknownColumnException">The expression reads a column the frame does not have.</exception>
    /// <exception cref="ModelSpecificationException">An unknown function, or arithmetic on a categorical variable.</exception>
    public static EvaluatedVariable Evaluate(FormulaExpression expression, Dataset frame) => Evaluate(expression, frame, null);

    /// <summary>
    /// Evaluates an expression on the rows of <paramref name="frame"/>, with the constants of data-dependent
    /// transformations (<c>scale</c>, <c>center</c>, <c>poly</c>) taken from <paramref name="training"/>
    /// (as R's <c>predict</c> and emmeans use the fitted data's); null for <paramref name="frame"/> itself.
    /// </summary>
    public static EvaluatedVariable Evaluate(FormulaExpression expression, Dataset frame, Dataset? training)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(frame);
        var value = new Evaluation(frame, expression, training).Evaluate(expression);
        string name = expression.ToRString();
        if (value is NumericValues logical && LogicalValues.IsLogical(expression)) return LogicalValues.ToFactor(logical, name);
        return value switch
        {
            NumericValues n => n with { Name = name },
            FactorValues f => f with { Name = name },
            MatrixValues m => m with { Name = name },
            _ => value,
        };
    }

    /// <summary>
    /// The interaction of several factors, as R's <c>f1:f2</c> with unused levels dropped: labels <c>"a:b"</c>,
    /// only combinations that occur, ordered by the first factor's level, then the second's, and so on.
    /// A row is missing when any factor is missing there.
    /// </summary>
    public static FactorValues Interaction(IReadOnlyList<FactorValues> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.Count == 0) throw new ArgumentException("at least one factor is needed", nameof(factors));
        int rows = factors[0].Length;
        if (factors.Any(f => f.Length != rows)) throw new ArgumentException("factors differ in length", nameof(factors));

        var (levels, codes) = CombinedCodes(factors, rows);
        var labels = levels.Select(l => string.Join(":", l.Select((code, j) => factors[j].Levels[code]))).ToArray();
        return new FactorValues(string.Join(":", factors.Select(f => f.Name)), labels, codes);
    }

    /// <summary>
    /// The distinct combinations of codes that occur (in the order of the first factor's code, then the second's, ...)
    /// and each row's combination (-1 where a factor is missing). Each combination is one mixed-radix number.
    /// </summary>
    private static (int[][] Levels, int[] Codes) CombinedCodes(IReadOnlyList<FactorValues> factors, int rows)
    {
        var radix = factors.Select(f => (long)Math.Max(1, f.Levels.Count)).ToArray();
        double size = radix.Aggregate(1.0, (a, r) => a * r);
        if (size >= long.MaxValue / 2) return CombinedCodesByKey(factors, rows);
        var keys = new long[rows];
        for (int row = 0; row < rows; row++)
        {
            long key = 0;
            for (int j = 0; j < factors.Count && key >= 0; j++)
            {
                int c = factors[j].Codes[row];
                key = c < 0 ? -1 : key * radix[j] + c;
            }
            keys[row] = key;
        }
        var distinct = keys.Where(k => k >= 0).Distinct().Order().ToArray();
        var codeOf = new Dictionary<long, int>(distinct.Length);
        for (int i = 0; i < distinct.Length; i++) codeOf[distinct[i]] = i;
        var levels = distinct.Select(k =>
        {
            var combination = new int[factors.Count];
            for (int j = factors.Count - 1; j >= 0; j--) { combination[j] = (int)(k % radix[j]); k /= radix[j]; }
            return combination;
        }).ToArray();
        return (levels, keys.Select(k => k < 0 ? -1 : codeOf[k]).ToArray());
    }

    private static (int[][] Levels, int[] Codes) CombinedCodesByKey(IReadOnlyList<FactorValues> factors, int rows)
    {
        var observed = new SortedSet<int[]>(Comparer<int[]>.Create(CompareCodes));
        for (int row = 0; row < rows; row++)
        {
            var key = RowKey(factors, row);
            if (key is not null) observed.Add(key);
        }
        var levels = observed.ToArray();
        var codeOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < levels.Length; i++) codeOf[string.Join(",", levels[i])] = i;
        var codes = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            var key = RowKey(factors, row);
            codes[row] = key is null ? -1 : codeOf[string.Join(",", key)];
        }
        return (levels, codes);
    }

    private static int[]? RowKey(IReadOnlyList<FactorValues> factors, int row)
    {
        var key = new int[factors.Count];
        for (int j = 0; j < factors.Count; j++)
        {
            key[j] = factors[j].Codes[row];
            if (key[j] < 0) return null;
        }
        return key;
    }

    private static int CompareCodes(int[] a, int[] b)
    {
        for (int j = 0; j < a.Length; j++)
        {
            int c = a[j].CompareTo(b[j]);
            if (c != 0) return c;
        }
        return 0;
    }
}
