namespace MixedEffects.Formulas;

/// <summary>One token of formula text.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The token as written (a name without its backticks).</param>
/// <param name="Position">1-based position of the token's first character.</param>
/// <param name="Number">The value of a number token.</param>
internal readonly record struct FormulaToken(FormulaTokenKind Kind, string Text, int Position, double Number = 0)
{
    /// <summary>How the token is named in an error message.</summary>
    public string Describe() => Kind switch
    {
        FormulaTokenKind.End => "the end of the formula",
        _ => $"'{Text}'",
    };
}
