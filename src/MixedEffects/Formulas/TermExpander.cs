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
        var fixedTerms = encoder.Encode(formula.RightHandSide);
        ModelVariable? response = null;
        if (formula.Response is not null)
        {
            CheckResponse(formula.Response);
            response = new ModelVariable(Unwrap(formula.Response));
        }
        return new ModelSpecification(response, fixedTerms, offsets, random);
    }

    private static FormulaExpression Unwrap(FormulaExpression expression) =>
        expression is ParenthesizedExpression p ? Unwrap(p.Inner) : expression;

    private static void CheckResponse(FormulaExpression expression)
    {
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
