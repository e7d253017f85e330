namespace MixedEffects.Data;

/// <summary>Recursive-descent parser of <see cref="RowFilter"/> conditions: <c>|</c> below <c>&amp;</c> below <c>!</c> below comparisons.</summary>
internal sealed class RowConditionParser
{
    private static readonly string[] Operators = ["%in%", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "&", "|", "(", ")", ",", "-"];
    private readonly string _text;
    private readonly List<(string Token, int Position, bool IsName, bool IsString)> _tokens = [];
    private int _next;

    public RowConditionParser(string text)
    {
        _text = text;
        Tokenize();
    }

    public RowCondition ParseAll()
    {
        var condition = ParseOr();
        if (_next < _tokens.Count) throw Error($"unexpected '{_tokens[_next].Token}'", _tokens[_next].Position);
        return condition;
    }

    private RowCondition ParseOr()
    {
        var left = ParseAnd();
        while (Accept("|") || Accept("||")) left = new Logical(left, false, ParseAnd());
        return left;
    }

    private RowCondition ParseAnd()
    {
        var left = ParseNot();
        while (Accept("&") || Accept("&&")) left = new Logical(left, true, ParseNot());
        return left;
    }

    private RowCondition ParseNot()
    {
        if (Accept("!")) return new Not(ParseNot());
        if (Peek("("))
        {
            int save = _next;
            _next++;
            var inner = ParseOr();
            if (Accept(")") && !IsComparisonNext()) return inner;
            _next = save;
        }
        if (Peek("is.na") && _next + 1 < _tokens.Count && _tokens[_next + 1].Token == "(")
        {
            _next += 2;
            var operand = ParseOperand();
            Expect(")");
            return new Missing(operand);
        }
        var left = ParseOperand();
        if (Accept("%in%")) return new Membership(left, ParseSet());
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            if (Accept(op)) return new Comparison(left, op, ParseOperand());
        return new Truth(left);
    }

    private bool IsComparisonNext() => _next < _tokens.Count && _tokens[_next].Token is "==" or "!=" or "<=" or ">=" or "<" or ">" or "%in%";

    private IReadOnlyList<RowOperand> ParseSet()
    {
        if (!(Peek("c") && _next + 1 < _tokens.Count && _tokens[_next + 1].Token == "("))
            return [ParseOperand()];
        _next += 2;
        var set = new List<RowOperand> { ParseOperand() };
        while (Accept(",")) set.Add(ParseOperand());
        Expect(")");
        return set;
    }

    private RowOperand ParseOperand()
    {
        if (_next >= _tokens.Count) throw Error("the condition ends early", _text.Length + 1);
        bool negative = Accept("-");
        var (token, position, isName, isString) = _tokens[_next++];
        if (isString && !negative) return new LiteralOperand(token);
        if (!isName) throw Error($"expected a column or a value but found '{token}'", position);
        if (RowFilter.TryNumber(token, out double number) && char.IsDigit(token[0]) || token.StartsWith('.') && RowFilter.TryNumber(token, out number))
            return new LiteralOperand(negative ? -number : number);
        if (negative) throw Error($"'-' must precede a number, not '{token}'", position);
        return token switch
        {
            "TRUE" or "T" => new LiteralOperand("TRUE"),
            "FALSE" or "F" => new LiteralOperand("FALSE"),
            "NA" => new LiteralOperand(null),
            _ => new ColumnOperand(token),
        };
    }

    private bool Peek(string token) => _next < _tokens.Count && _tokens[_next].Token == token && !_tokens[_next].IsString;

    private bool Accept(string token)
    {
        if (!Peek(token)) return false;
        _next++;
        return true;
    }

    private void Expect(string token)
    {
        if (Accept(token)) return;
        int position = _next < _tokens.Count ? _tokens[_next].Position : _text.Length + 1;
        throw Error($"expected '{token}'", position);
    }

    private ModelSpecificationException Error(string message, int position) =>
        new($"in subset condition '{_text}' at position {position}: {message}");

    private void Tokenize()
    {
        int i = 0;
        while (i < _text.Length)
        {
            char c = _text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '"' or '\'')
            {
                int close = _text.IndexOf(c, i + 1);
                if (close < 0) throw Error("unterminated string", i + 1);
                _tokens.Add((_text[(i + 1)..close], i + 1, false, true));
                i = close + 1;
                continue;
            }
            if (c == '`')
            {
                int close = _text.IndexOf('`', i + 1);
                if (close < 0) throw Error("unterminated backtick name", i + 1);
                _tokens.Add((_text[(i + 1)..close], i + 1, true, false));
                i = close + 1;
                continue;
            }
            if (char.IsLetterOrDigit(c) || c is '.' or '_')
            {
                int start = i;
                while (i < _text.Length && (char.IsLetterOrDigit(_text[i]) || _text[i] is '.' or '_'
                       || (_text[i] is '+' or '-' && i > start && _text[i - 1] is 'e' or 'E' && char.IsDigit(_text[start])))) i++;
                _tokens.Add((_text[start..i], start + 1, true, false));
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(_text, i, o, 0, o.Length) == 0)
                ?? throw Error($"unknown character '{c}'", i + 1);
            _tokens.Add((op, i + 1, false, false));
            i += op.Length;
        }
    }
}
