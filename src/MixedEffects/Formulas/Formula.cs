namespace MixedEffects.Formulas;

/// <summary>A parsed two-sided (or one-sided) formula: <c>response ~ right-hand side</c>.</summary>
/// <param name="Text">The formula as the user wrote it.</param>
/// <param name="Response">The left-hand side, or null for a one-sided formula such as <c>~ x</c>.</param>
/// <param name="RightHandSide">The right-hand side.</param>
public sealed record Formula(string Text, FormulaExpression? Response, FormulaExpression RightHandSide)
{
    /// <summary>Parses formula text; throws <see cref="FormulaSyntaxException"/> with the position on error.</summary>
    public static Formula Parse(string text) => FormulaParser.Parse(text);

    /// <inheritdoc />
    public override string ToString() => Text;
}
