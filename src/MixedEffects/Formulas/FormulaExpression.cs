namespace MixedEffects.Formulas;

/// <summary>
/// A node of a parsed formula. Formula operators (<c>+ - * / : ^ | ||</c>) and arithmetic inside
/// calls share one tree; <see cref="TermExpander"/> gives the formula operators their model meaning.
/// </summary>
public abstract record FormulaExpression
{
    /// <summary>1-based position of the node's first character in the formula text.</summary>
    public int Position { get; init; }

    /// <summary>The expression written back as R would deparse it (used for column names).</summary>
    public abstract string ToRString();
}

/// <summary>A variable (column) name, possibly written with backticks.</summary>
public sealed record VariableExpression(string Name) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString() => IsSyntacticName(Name) ? Name : $"`{Name}`";

    /// <summary>True when R would print the name without backticks.</summary>
    public static bool IsSyntacticName(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '.') &&
        name.All(ch => char.IsLetterOrDigit(ch) || ch == '.' || ch == '_');
}

/// <summary>A numeric literal such as <c>0</c>, <c>1</c> or <c>2.5</c>.</summary>
public sealed record NumberExpression(double Value) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString() => RNumberFormat.Format(Value);
}

/// <summary>A function call such as <c>factor(x)</c>, <c>log(x)</c>, <c>I(x^2)</c>, <c>offset(x)</c>, <c>cbind(s, f)</c>.</summary>
public sealed record CallExpression(string Function, IReadOnlyList<FormulaExpression> Arguments) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString()
    {
        FormulaErrors.EnsureStack(this);
        return $"{Function}({string.Join(", ", Arguments.Select(a => a.ToRString()))})";
    }

    /// <inheritdoc />
    public bool Equals(CallExpression? other) =>
        other is not null && Function == other.Function && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Function, Arguments.Count);
}

/// <summary>A binary operator: formula operators <c>+ - * / : ^ | ||</c> or arithmetic inside calls.</summary>
public sealed record BinaryExpression(string Operator, FormulaExpression Left, FormulaExpression Right) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString()
    {
        FormulaErrors.EnsureStack(this);
        return Operator switch
        {
            ":" or "^" or "/" => $"{Left.ToRString()}{Operator}{Right.ToRString()}",
            _ => $"{Left.ToRString()} {Operator} {Right.ToRString()}",
        };
    }
}

/// <summary>A unary operator: <c>-x</c> or <c>+x</c>.</summary>
public sealed record UnaryExpression(string Operator, FormulaExpression Operand) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString()
    {
        FormulaErrors.EnsureStack(this);
        return $"{Operator}{Operand.ToRString()}";
    }
}

/// <summary>A parenthesised sub-expression, kept so random-effects bars <c>(x | g)</c> can be recognised.</summary>
public sealed record ParenthesizedExpression(FormulaExpression Inner) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString()
    {
        FormulaErrors.EnsureStack(this);
        return $"({Inner.ToRString()})";
    }
}

/// <summary>A string literal such as <c>"pre"</c> (a level name in <c>relevel(f, "pre")</c>).</summary>
public sealed record StringExpression(string Value) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString() => $"\"{Value}\"";
}

/// <summary>A named argument of a call, such as <c>levels = c("a", "b")</c> or <c>scale = FALSE</c>.</summary>
public sealed record NamedArgumentExpression(string Name, FormulaExpression Value) : FormulaExpression
{
    /// <inheritdoc />
    public override string ToRString() => $"{Name} = {Value.ToRString()}";
}
