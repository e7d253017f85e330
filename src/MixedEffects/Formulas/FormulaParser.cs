namespace MixedEffects.Formulas;

/// <summary>
/// Recursive-descent parser for R model formulas. Precedence, lowest first, as in R:
/// <c>~</c>; <c>| ||</c>; <c>&amp;</c>; <c>!</c>; comparisons <c>&lt; &gt; &lt;= &gt;= == !=</c>; binary <c>+ -</c>;
/// <c>* /</c>; <c>%in%</c>; <c>:</c>; unary <c>- +</c>; <c>^</c> (right-associative).
/// Parentheses, calls, unary operators and exponents may nest at most <see cref="MaxNesting"/> deep
/// (R stops deep nesting with "contextstack overflow"), so no formula can exhaust the stack.
/// </summary>
internal sealed class FormulaParser
{
    private readonly IReadOnlyList<FormulaToken> _tokens;
    private int _next;
    private int _depth;
    private int _nesting;

    /// <summary>The deepest nesting of parentheses, calls, unary operators and exponents accepted.</summary>
    public const int MaxNesting = 100;

    private FormulaParser(IReadOnlyList<FormulaToken> tokens) => _tokens = tokens;

    /// <summary>Parses formula text; throws <see cref="FormulaSyntaxException"/> with a 1-based position on error.</summary>
    public static Formula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text)) throw FormulaErrors.Plain(1, "the formula is empty");
        var tokens = FormulaLexer.Tokenize(text);
        if (!tokens.Any(t => t.Kind == FormulaTokenKind.Tilde))
            throw FormulaErrors.Plain(1, $"missing '~' in '{text.Trim()}' (write it as 'response ~ terms')");
        var parser = new FormulaParser(tokens);
        FormulaExpression? response = null;
        if (parser.Current.Kind != FormulaTokenKind.Tilde)
        {
            response = parser.ParseBars();
        }
        parser.Expect(FormulaTokenKind.Tilde, "'~'");
        var rhs = parser.ParseBars();
        parser.ExpectEnd();
        return new Formula(text, response, rhs);
    }

    private FormulaToken Current => _tokens[_next];

    private FormulaToken Advance() => _tokens[_next++];

    private bool Accept(FormulaTokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _next++;
        return true;
    }

    private void Expect(FormulaTokenKind kind, string what)
    {
        if (Current.Kind == kind) { _next++; return; }
        if (Current.Kind == FormulaTokenKind.CloseParen) throw UnmatchedClose();
        throw FormulaErrors.At(Current.Position, $"expected an operator or {what} but found {Current.Describe()}");
    }

    private void ExpectEnd()
    {
        if (Current.Kind == FormulaTokenKind.End) return;
        if (Current.Kind == FormulaTokenKind.CloseParen) throw UnmatchedClose();
        if (Current.Kind == FormulaTokenKind.Tilde) throw FormulaErrors.At(Current.Position, "a formula has only one '~'");
        throw FormulaErrors.At(Current.Position, $"expected an operator but found {Current.Describe()}");
    }

    private FormulaSyntaxException UnmatchedClose() =>
        FormulaErrors.At(Current.Position, "')' has no matching '('");

    // bars := and (('|' | '||') and)*
    private FormulaExpression ParseBars()
    {
        var left = ParseAnd();
        while (Current.Kind is FormulaTokenKind.Bar or FormulaTokenKind.DoubleBar)
        {
            var op = Advance();
            left = Binary(op.Text, left, ParseAnd());
        }
        return left;
    }

    // and := not ('&' not)*
    private FormulaExpression ParseAnd()
    {
        var left = ParseNot();
        while (Accept(FormulaTokenKind.And))
        {
            left = Binary("&", left, ParseNot());
        }
        return left;
    }

    // not := '!' not | comparison
    private FormulaExpression ParseNot()
    {
        if (Current.Kind != FormulaTokenKind.Not) return ParseComparison();
        var op = Advance();
        Enter(op);
        var operand = ParseNot();
        _nesting--;
        return new UnaryExpression("!", operand) { Position = op.Position };
    }

    // comparison := sum (('<' | '>' | '<=' | '>=' | '==' | '!=') sum)?
    private FormulaExpression ParseComparison()
    {
        var left = ParseSum();
        if (Current.Kind != FormulaTokenKind.Compare) return left;
        var op = Advance();
        return Binary(op.Text, left, ParseSum());
    }

    // sum := product (('+' | '-') product)*
    private FormulaExpression ParseSum()
    {
        var left = ParseProduct();
        while (Current.Kind is FormulaTokenKind.Plus or FormulaTokenKind.Minus)
        {
            var op = Advance();
            left = Binary(op.Text, left, ParseProduct());
        }
        return left;
    }

    // product := special (('*' | '/') special)*
    private FormulaExpression ParseProduct()
    {
        var left = ParseSpecial();
        while (Current.Kind is FormulaTokenKind.Star or FormulaTokenKind.Slash)
        {
            var op = Advance();
            left = Binary(op.Text, left, ParseSpecial());
        }
        return left;
    }

    // special := colon ('%in%' colon)*
    private FormulaExpression ParseSpecial()
    {
        var left = ParseColon();
        while (Accept(FormulaTokenKind.In))
        {
            left = Binary("%in%", left, ParseColon());
        }
        return left;
    }

    // colon := unary (':' unary)*
    private FormulaExpression ParseColon()
    {
        var left = ParseUnary();
        while (Accept(FormulaTokenKind.Colon))
        {
            left = Binary(":", left, ParseUnary());
        }
        return left;
    }

    // unary := ('-' | '+') unary | not | power   ('!' after an operator takes all that follows at its own level, as in R: a + !b + c = a + !(b + c))
    private FormulaExpression ParseUnary()
    {
        if (Current.Kind == FormulaTokenKind.Not) return ParseNot();
        if (Current.Kind is FormulaTokenKind.Minus or FormulaTokenKind.Plus)
        {
            var op = Advance();
            Enter(op);
            var operand = ParseUnary();
            _nesting--;
            return new UnaryExpression(op.Text, operand) { Position = op.Position };
        }
        return ParsePower();
    }

    // power := primary ('^' unary)?   (right-associative, so a^b^c = a^(b^c) and a^-1 is allowed)
    private FormulaExpression ParsePower()
    {
        var primary = ParsePrimary();
        if (Current.Kind != FormulaTokenKind.Caret) return primary;
        var caret = Advance();
        Enter(caret);
        var exponent = ParseUnary();
        _nesting--;
        return Binary("^", primary, exponent);
    }

    private void Enter(FormulaToken token)
    {
        if (++_nesting > MaxNesting)
            throw FormulaErrors.At(token.Position,
                $"parentheses, calls and operators are nested more than {MaxNesting} deep (R stops with 'contextstack overflow')");
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw FormulaErrors.TooDeep(token.Position);
    }

    // primary := number | name | name '(' arguments ')' | '(' bars ')'
    private FormulaExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case FormulaTokenKind.String:
                _next++;
                return new StringExpression(token.Text) { Position = token.Position };
            case FormulaTokenKind.Number:
                _next++;
                return new NumberExpression(token.Number) { Position = token.Position };
            case FormulaTokenKind.Name:
                _next++;
                return Current.Kind == FormulaTokenKind.OpenParen
                    ? ParseCall(token)
                    : new VariableExpression(token.Text) { Position = token.Position };
            case FormulaTokenKind.OpenParen:
                _next++;
                _depth++;
                Enter(token);
                var inner = ParseBars();
                CloseParenthesis(token);
                _nesting--;
                return new ParenthesizedExpression(inner) { Position = token.Position };
            case FormulaTokenKind.CloseParen when _depth == 0:
                throw UnmatchedClose();
            default:
                throw FormulaErrors.At(token.Position, $"expected a variable name or '(' but found {token.Describe()}");
        }
    }

    private FormulaExpression ParseCall(FormulaToken name)
    {
        var open = Advance();
        _depth++;
        Enter(open);
        var arguments = new List<FormulaExpression>();
        if (Accept(FormulaTokenKind.CloseParen))
        {
            _depth--;
        }
        else
        {
            do
            {
                arguments.Add(ParseArgument());
            }
            while (Accept(FormulaTokenKind.Comma));
            CloseParenthesis(open);
        }
        _nesting--;
        return new CallExpression(name.Text, arguments) { Position = name.Position };
    }

    // argument := name '=' bars | bars
    private FormulaExpression ParseArgument()
    {
        if (Current.Kind == FormulaTokenKind.Name && _tokens[_next + 1].Kind == FormulaTokenKind.Equals)
        {
            var name = Advance();
            _next++;
            return new NamedArgumentExpression(name.Text, ParseBars()) { Position = name.Position };
        }
        return ParseBars();
    }

    private void CloseParenthesis(FormulaToken open)
    {
        if (Accept(FormulaTokenKind.CloseParen)) { _depth--; return; }
        if (Current.Kind == FormulaTokenKind.End)
            throw FormulaErrors.Plain(open.Position, $"unbalanced parenthesis opened at position {open.Position}");
        throw FormulaErrors.At(Current.Position,
            $"expected ')' to close the parenthesis opened at position {open.Position} but found {Current.Describe()}");
    }

    private static BinaryExpression Binary(string op, FormulaExpression left, FormulaExpression right) =>
        new(op, left, right) { Position = left.Position };
}
