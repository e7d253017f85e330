using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// Builds a model matrix from a term list as R's <c>model.matrix</c> does: intercept first, then each term's
/// columns with the first variable varying fastest; which factors are coded by contrasts and which by indicators
/// follows R's rule (<see cref="FactorCodingRule"/>).
/// </summary>
internal static class ModelMatrixBuilder
{
    /// <param name="terms">The terms.</param>
    /// <param name="frame">The variables.</param>
    /// <param name="coding">The model's coding of factors.</param>
    /// <param name="useFactorContrasts">False to code every factor by <paramref name="coding"/>, ignoring a factor's own contrasts.</param>
    public static ModelMatrix Build(TermList terms, ModelFrame frame, ContrastCoding coding, bool useFactorContrasts = true) =>
        Build(terms, variable => frame[variable], frame.RowCount, coding, useFactorContrasts);

    /// <summary>
    /// Builds the model matrix for rows described by <paramref name="values"/> (a variable's values on those rows,
    /// factors carrying the training levels), with the same columns and coding as for the fitted frame;
    /// used for synthetic rows such as a reference grid.
    /// </summary>
    public static ModelMatrix Build(TermList terms, Func<ModelVariable, EvaluatedVariable> values, int rowCount, ContrastCoding coding,
        bool useFactorContrasts = true)
    {
        int n = rowCount;
        var columns = new List<double[]>();
        var names = new List<string>();
        var termIndex = new List<int>();
        if (terms.HasIntercept)
        {
            var one = new double[n];
            Array.Fill(one, 1.0);
            columns.Add(one);
            names.Add("(Intercept)");
            termIndex.Add(-1);
        }

        var indicators = FactorCodingRule.IndicatorCoding(terms, v => values(v) is FactorValues { Levels.Count: > 1 });
        for (int ti = 0; ti < terms.Terms.Count; ti++)
        {
            var term = terms.Terms[ti];
            var parts = new List<(string[] Names, Func<int, int, double> Value)>();
            for (int vi = 0; vi < term.Variables.Count; vi++)
            {
                var variable = term.Variables[vi];
                switch (values(variable))
                {
                    case NumericValues nv:
                        parts.Add(([variable.Name], (row, _) => nv.Values[row]));
                        break;
                    case MatrixValues mv:
                        parts.Add((mv.Suffixes.Select(s => variable.Name + s).ToArray(), (row, col) => mv.Columns[col][row]));
                        break;
                    case FactorValues fv:
                        var contrast = indicators[ti][vi]
                            ? ContrastMatrix.Indicators(fv.Levels)
                            : useFactorContrasts && fv.Contrasts is { } own ? ContrastMatrix.For(own, fv.Levels)
                            : ContrastMatrix.For(coding, fv.Levels);
                        var cm = contrast.Values;
                        parts.Add((contrast.Suffixes.Select(s => variable.Name + s).ToArray(),
                            (row, col) => cm[fv.Codes[row], col]));
                        break;
                }
            }

            foreach (var combination in Combinations(parts.Select(p => p.Names.Length).ToArray()))
            {
                var column = new double[n];
                for (int i = 0; i < n; i++)
                {
                    double v = 1;
                    for (int k = 0; k < parts.Count; k++) v *= parts[k].Value(i, combination[k]);
                    column[i] = v;
                }
                columns.Add(column);
                names.Add(string.Join(":", combination.Select((c, k) => parts[k].Names[c])));
                termIndex.Add(ti);
            }
        }
        return new ModelMatrix(columns.ToArray(), names.ToArray(), termIndex.ToArray(),
            terms.Terms.Select(t => t.Label).ToArray(), n);
    }

    /// <summary>
    /// All index combinations for positions with the given numbers of values, the first position varying fastest
    /// (R's order of interaction columns and of emmeans' grids); none when some size is zero.
    /// </summary>
    internal static IEnumerable<int[]> Combinations(int[] sizes)
    {
        if (sizes.Any(s => s == 0)) yield break;
        var current = new int[sizes.Length];
        while (true)
        {
            yield return (int[])current.Clone();
            int k = 0;
            while (k < sizes.Length && ++current[k] == sizes[k]) { current[k] = 0; k++; }
            if (k == sizes.Length) yield break;
        }
    }
}
