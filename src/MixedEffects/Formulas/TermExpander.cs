namespace MixedEffects.Formulas;

/// <summary>
/// Expands a parsed formula into a <see cref="ModelSpecification"/>: response, fixed terms (R's <c>terms()</c>),
/// offsets, and random-effects terms (lme4's <c>findbars</c> with <c>||</c> and <c>/</c> expanded).
/// </summary>
internal static class TermExpander
{
    /// <summary>Expands the formula; throws <see cref="FormulaSyntaxException"/> for a term that has no model meaning.</summary>
    public static ModelSpecification Expand(Formula formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var offsets = new List<ModelVariable>();
        var random = new List<RandomEffectsSpec>();
        var encoder = new TermEncoder(offsets, (_, bar) => random.AddRange(RandomTermExpander.Expand(bar)));
        var fixedTerms = encoder.Encode(WholeBar(formula.RightHandSide));
        ModelVariable? response = null;
        var warnings = new List<string>();
        if (formula.Response is not null)
        {
            CheckResponse(formula.Response);
            response = new ModelVariable(Unwrap(formula.Response));
            fixedTerms = DropResponse(fixedTerms, response, warnings);
        }
        return new ModelSpecification(response, fixedTerms, offsets, random)
        {
            ReferencedColumns = FormulaColumns.Collect(formula.RightHandSide),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// A right-hand side that is one bar without parentheses, <c>y ~ x + 1 | g</c>, is read as R and lme4
    /// read it: the random-effects term <c>(x + 1 | g)</c> with an intercept-only fixed part.
    /// </summary>
    private static FormulaExpression WholeBar(FormulaExpression rhs) =>
        rhs is BinaryExpression { Operator: "|" or "||" } bar ? new ParenthesizedExpression(bar) { Position = bar.Position } : rhs;

    /// <summary>
    /// lme4 (through <c>model.matrix</c>) drops the response from the right-hand side with a warning and fits;
    /// an interaction with the response has no such meaning and is refused.
    /// </summary>
    private static TermList DropResponse(TermList terms, ModelVariable response, List<string> warnings)
    {
        var kept = new List<ModelTerm>();
        foreach (var term in terms.Terms)
        {
            if (!term.Variables.Any(v => v.Name == response.Name)) { kept.Add(term); continue; }
            if (term.Order > 1)
                throw new FormulaSyntaxException(response.Expression.Position,
                    $"formula error: the response '{response.Name}' appears in the interaction '{term.Label}' on the right-hand side");
        }
        if (kept.Count == terms.Terms.Count) return terms;
        warnings.Add("the response appeared on the right-hand side and was dropped");
        return terms with { Terms = kept };
    }

    private static FormulaExpression Unwrap(FormulaExpression expression) =>
        expression is ParenthesizedExpression p ? Unwrap(p.Inner) : expression;

    private static void CheckResponse(FormulaExpression expression)
    {
        FormulaErrors.EnsureStack(expression);
        switch (expression)
        {
            case BinaryExpression { Operator: "|" or "||" } bar:
                throw FormulaErrors.At(bar.Position, $"random-effects term '{bar.ToRString()}' cannot be on the left of '~'");
            case BinaryExpression binary:
                CheckResponse(binary.Left);
                CheckResponse(binary.Right);
                break;
            case UnaryExpression unary:
                CheckResponse(unary.Operand);
                break;
            case ParenthesizedExpression parenthesized:
                CheckResponse(parenthesized.Inner);
                break;
            case CallExpression call:
                foreach (var argument in call.Arguments) CheckResponse(argument);
                break;
        }
    }
}
