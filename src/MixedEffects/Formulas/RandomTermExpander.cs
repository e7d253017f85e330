namespace MixedEffects.Formulas;

/// <summary>
/// Expands one random-effects bar as lme4 does: <c>(x || g)</c> becomes <c>(1 | g) + (0 + x | g)</c> (uncorrelated),
/// and <c>(e | g1/g2)</c> becomes <c>(e | g2:g1) + (e | g1)</c>, in lme4's order.
/// </summary>
internal static class RandomTermExpander
{
    /// <summary>The random-effects terms of a bar <c>lhs | group</c> or <c>lhs || group</c>.</summary>
    public static IReadOnlyList<RandomEffectsSpec> Expand(BinaryExpression bar)
    {
        var effects = new TermEncoder(offsets: null, onBar: null).Encode(bar.Left);
        if (!effects.HasIntercept && effects.Terms.Count == 0)
            throw FormulaErrors.At(bar.Position, $"random-effects term '({bar.ToRString()})' has no random effects");
        var groupings = Groupings(bar.Right);
        if (bar.Operator == "|")
            return groupings.Select(g => new RandomEffectsSpec(effects, g)).ToArray();

        var parts = new List<TermList>();
        if (effects.HasIntercept) parts.Add(new TermList(true, []));
        parts.AddRange(effects.Terms.Select(t => new TermList(false, [t])));
        return parts.SelectMany(p => groupings.Select(g => new RandomEffectsSpec(p, g, Correlated: false))).ToArray();
    }

    /// <summary>
    /// The grouping factors of a bar's right side: <c>g</c>, <c>g1:g2</c> (one interaction), or a nesting chain
    /// <c>g1/g2/g3</c> giving <c>g3:g2:g1</c>, <c>g2:g1</c>, <c>g1</c>.
    /// </summary>
    private static List<IReadOnlyList<ModelVariable>> Groupings(FormulaExpression expression)
    {
        var chain = NestingChain(expression);
        var result = new List<IReadOnlyList<ModelVariable>>();
        for (int k = chain.Count; k >= 1; k--)
        {
            result.Add(chain.Take(k).Reverse().SelectMany(g => g).ToArray());
        }
        return result;
    }

    private static List<List<ModelVariable>> NestingChain(FormulaExpression expression)
    {
        FormulaErrors.EnsureStack(expression);
        var inner = Unwrap(expression);
        if (inner is not BinaryExpression { Operator: "/" } slash) return [InteractionVariables(inner)];
        var chain = NestingChain(slash.Left);
        var right = NestingChain(slash.Right);
        if (right.Count > 1)
            throw FormulaErrors.At(slash.Right.Position,
                $"nested grouping '{slash.Right.ToRString()}' on the right of '/' is not supported; write 'a/b/c'");
        chain.Add(right[0]);
        return chain;
    }

    private static List<ModelVariable> InteractionVariables(FormulaExpression expression)
    {
        FormulaErrors.EnsureStack(expression);
        var inner = Unwrap(expression);
        switch (inner)
        {
            case BinaryExpression { Operator: ":" } colon:
                return [.. InteractionVariables(colon.Left), .. InteractionVariables(colon.Right)];
            case VariableExpression:
            case CallExpression:
                return [new ModelVariable(inner)];
            default:
                throw FormulaErrors.At(inner.Position,
                    $"'{inner.ToRString()}' cannot be a grouping factor; use a column, an interaction 'a:b' or nesting 'a/b'");
        }
    }

    private static FormulaExpression Unwrap(FormulaExpression expression) =>
        expression is ParenthesizedExpression p ? Unwrap(p.Inner) : expression;
}
