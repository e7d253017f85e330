using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Sql;

/// <summary>
/// A model matrix as SQL expressions, column for column as R's <c>model.matrix</c> (and the in-memory builder) makes it:
/// intercept first, then each term's columns with the first variable varying fastest; a factor is coded by contrasts
/// (treatment, sum or Helmert, as CASE expressions) when the term without it is in the model, by indicators otherwise.
/// </summary>
internal static class SqlModelMatrix
{
    public static IReadOnlyList<SqlModelColumn> Build(TermList terms, SqlVariableResolver variables, ContrastCoding coding, SqlDialect dialect)
    {
        var columns = new List<SqlModelColumn>();
        if (terms.HasIntercept) columns.Add(new SqlModelColumn("(Intercept)", dialect.Number(1)));
        var present = new HashSet<string>(terms.Terms.Select(t => Key(t.Variables)), StringComparer.Ordinal);
        if (terms.HasIntercept) present.Add("");
        foreach (var term in terms.Terms)
        {
            var parts = new List<(string[] Names, string[] Expressions)>();
            foreach (var variable in term.Variables)
            {
                switch (variables.Resolve(variable))
                {
                    case SqlNumericVariable nv:
                        parts.Add(([variable.Name], [nv.Expression]));
                        break;
                    case SqlFactorVariable fv:
                        var others = term.Variables.Where(v => v.Name != variable.Name).ToList();
                        var contrast = present.Contains(Key(others))
                            ? ContrastMatrix.For(coding, fv.Levels)
                            : ContrastMatrix.Indicators(fv.Levels);
                        int k = contrast.Values.GetLength(1);
                        parts.Add((contrast.Suffixes.Select(s => variable.Name + s).ToArray(),
                            Enumerable.Range(0, k).Select(c => CaseExpression(fv, contrast.Values, c, dialect)).ToArray()));
                        break;
                }
            }
            foreach (var combination in ModelMatrixBuilder.Combinations(parts.Select(p => p.Names.Length).ToArray()))
            {
                string name = string.Join(":", combination.Select((c, k) => parts[k].Names[c]));
                string expression = string.Join(" * ", combination.Select((c, k) => parts[k].Expressions[c]));
                columns.Add(new SqlModelColumn(name, combination.Length == 1 ? expression : $"({expression})"));
            }
        }
        return columns;
    }

    /// <summary>CASE over the factor's levels giving contrast column <paramref name="column"/> (zero entries in ELSE).</summary>
    private static string CaseExpression(SqlFactorVariable factor, double[,] values, int column, SqlDialect dialect)
    {
        var branches = Enumerable.Range(0, factor.Levels.Count).Where(g => values[g, column] != 0)
            .Select(g => $" WHEN {factor.Column} = {factor.Literals[g]} THEN {dialect.Number(values[g, column])}");
        return $"(CASE{string.Concat(branches)} ELSE {dialect.Number(0)} END)";
    }

    private static string Key(IEnumerable<ModelVariable> variables) =>
        string.Join("\u0001", variables.Select(v => v.Name).OrderBy(s => s, StringComparer.Ordinal));
}
