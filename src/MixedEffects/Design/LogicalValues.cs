using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// Logical expressions in formulas: comparisons such as <c>I(x &gt; 5)</c>, and <c>&amp;</c>, <c>|</c>, <c>!</c>.
/// They are evaluated as numbers 0 and 1, so arithmetic on them works as in R; a variable whose value is
/// logical becomes, as in R's <c>model.matrix</c>, a factor with the levels FALSE and TRUE.
/// </summary>
internal static class LogicalValues
{
    /// <summary>True when the expression's value is logical: a comparison, <c>&amp;</c>, <c>|</c> or <c>!</c>,
    /// possibly inside parentheses or <c>I()</c>.</summary>
    public static bool IsLogical(FormulaExpression expression) => expression switch
    {
        BinaryExpression { Operator: "<" or ">" or "<=" or ">=" or "==" or "!=" or "&" or "|" } => true,
        UnaryExpression { Operator: "!" } => true,
        ParenthesizedExpression p => IsLogical(p.Inner),
        CallExpression { Function: "I", Arguments.Count: 1 } call => IsLogical(call.Arguments[0]),
        _ => false,
    };

    /// <summary>The 0/1 values as a factor with the levels FALSE and TRUE (missing stays missing).</summary>
    public static FactorValues ToFactor(NumericValues values, string name) =>
        new(name, ["FALSE", "TRUE"], values.Values.Select(v => double.IsNaN(v) ? -1 : v != 0 ? 1 : 0).ToArray());
}
