namespace MixedEffects.Formulas;

/// <summary>The kinds of token in formula text.</summary>
internal enum FormulaTokenKind
{
    Name,
    Number,
    Tilde,
    Plus,
    Minus,
    Star,
    Slash,
    Colon,
    Caret,
    In,
    Bar,
    DoubleBar,
    Comma,
    Compare,
    And,
    Not,
    Equals,
    String,
    OpenParen,
    CloseParen,
    End,
}
