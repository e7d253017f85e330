namespace MixedEffects.Formulas;

/// <summary>Finds the data columns an expression reads.</summary>
internal static class FormulaColumns
{
    /// <summary>The column names read by the expression, in order of first appearance, without duplicates.
    /// Function names (as in <c>log(x)</c>) are not columns.</summary>
    public static IReadOnlyList<string> Collect(FormulaExpression expression)
    {
        var names = new List<string>();
        Walk(expression, names);
        return names;
    }

    private static void Walk(FormulaExpression expression, List<string> names)
    {
        FormulaErrors.EnsureStack(expression);
        switch (expression)
        {
            case VariableExpression { Name: "TRUE" or "FALSE" }:
                break;
            case NamedArgumentExpression named:
                Walk(named.Value, names);
                break;
            case VariableExpression v:
                if (!names.Contains(v.Name)) names.Add(v.Name);
                break;
            case CallExpression call:
                foreach (var argument in call.Arguments) Walk(argument, names);
                break;
            case BinaryExpression binary:
                Walk(binary.Left, names);
                Walk(binary.Right, names);
                break;
            case UnaryExpression unary:
                Walk(unary.Operand, names);
                break;
            case ParenthesizedExpression parenthesized:
                Walk(parenthesized.Inner, names);
                break;
        }
    }
}
