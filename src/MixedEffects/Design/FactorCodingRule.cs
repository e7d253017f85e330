using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// R's rule for coding a factor inside a model term (<c>TermCode</c> in R's <c>model.c</c>, after
/// Chambers and Hastie, Statistical Models in S, p. 38). A factor of a term is coded by contrasts
/// when the rest of the term (its margin) is empty or is contained in some earlier term, and by
/// indicator columns for every level otherwise. Without an intercept, the first factor of the first
/// term that contains a factor is coded by indicators.
/// </summary>
internal static class FactorCodingRule
{
    /// <summary>
    /// For each term and each of its variables, true when that variable, if it is a factor, is coded by
    /// indicator columns rather than contrasts.
    /// </summary>
    /// <param name="terms">The terms in model order (by interaction order, then first appearance).</param>
    /// <param name="isFactor">Whether a variable is categorical (factor or logical) with at least two levels.</param>
    public static bool[][] IndicatorCoding(TermList terms, Func<ModelVariable, bool> isFactor)
    {
        var names = terms.Terms.Select(t => t.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal)).ToArray();
        var result = new bool[terms.Terms.Count][];
        for (int j = 0; j < result.Length; j++)
        {
            var variables = terms.Terms[j].Variables;
            result[j] = new bool[variables.Count];
            for (int k = 0; k < variables.Count; k++)
            {
                var margin = variables.Where((_, i) => i != k).Select(v => v.Name).ToArray();
                result[j][k] = margin.Length > 0 && !names.Take(j).Any(earlier => margin.All(earlier.Contains));
            }
        }
        if (!terms.HasIntercept) CodeFirstFactorByIndicators(terms, isFactor, result);
        return result;
    }

    private static void CodeFirstFactorByIndicators(TermList terms, Func<ModelVariable, bool> isFactor, bool[][] result)
    {
        for (int j = 0; j < result.Length; j++)
        {
            var variables = terms.Terms[j].Variables;
            for (int k = 0; k < variables.Count; k++)
            {
                if (!isFactor(variables[k])) continue;
                result[j][k] = true;
                return;
            }
        }
    }
}
