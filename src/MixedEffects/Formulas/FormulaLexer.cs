using System.Globalization;
using System.Text;

namespace MixedEffects.Formulas;

/// <summary>Splits formula text into tokens (names, numbers, operators, parentheses).</summary>
internal static class FormulaLexer
{
    /// <summary>Tokenizes the text; the list always ends with an <see cref="FormulaTokenKind.End"/> token.</summary>
    public static IReadOnlyList<FormulaToken> Tokenize(string text)
    {
        var tokens = new List<FormulaToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int pos = i + 1;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }
            if (char.IsLetter(c) || c == '.')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_')) i++;
                tokens.Add(new FormulaToken(FormulaTokenKind.Name, text[start..i], pos));
                continue;
            }
            if (c == '`')
            {
                int close = text.IndexOf('`', i + 1);
                if (close < 0) throw FormulaErrors.Plain(pos, $"unterminated backtick name starting at position {pos}");
                if (close == i + 1) throw FormulaErrors.At(pos, "empty backtick name ``");
                tokens.Add(new FormulaToken(FormulaTokenKind.Name, text[(i + 1)..close], pos));
                i = close + 1;
                continue;
            }
            if (c is '"' or '\'')
            {
                int close = text.IndexOf(c, i + 1);
                if (close < 0) throw FormulaErrors.Plain(pos, $"unterminated string starting at position {pos}");
                tokens.Add(new FormulaToken(FormulaTokenKind.String, text[(i + 1)..close], pos));
                i = close + 1;
                continue;
            }
            if (c == '%')
            {
                int close = text.IndexOf('%', i + 1);
                string op = close < 0 ? "%" : text[i..(close + 1)];
                if (op != "%in%") throw FormulaErrors.At(pos, $"unknown operator '{op}' (only %in% is supported)");
                tokens.Add(new FormulaToken(FormulaTokenKind.In, op, pos));
                i = close + 1;
                continue;
            }
            var (kind, length) = c switch
            {
                '~' => (FormulaTokenKind.Tilde, 1),
                '+' => (FormulaTokenKind.Plus, 1),
                '-' => (FormulaTokenKind.Minus, 1),
                '*' when Next(text, i) == '*' => (FormulaTokenKind.Caret, 2),
                '*' => (FormulaTokenKind.Star, 1),
                '/' => (FormulaTokenKind.Slash, 1),
                ':' => (FormulaTokenKind.Colon, 1),
                '^' => (FormulaTokenKind.Caret, 1),
                '|' when Next(text, i) == '|' => (FormulaTokenKind.DoubleBar, 2),
                '|' => (FormulaTokenKind.Bar, 1),
                ',' => (FormulaTokenKind.Comma, 1),
                '<' or '>' => (FormulaTokenKind.Compare, Next(text, i) == '=' ? 2 : 1),
                '=' when Next(text, i) == '=' => (FormulaTokenKind.Compare, 2),
                '!' when Next(text, i) == '=' => (FormulaTokenKind.Compare, 2),
                '!' => (FormulaTokenKind.Not, 1),
                '&' => (FormulaTokenKind.And, Next(text, i) == '&' ? 2 : 1),
                '=' => (FormulaTokenKind.Equals, 1),
                '(' => (FormulaTokenKind.OpenParen, 1),
                ')' => (FormulaTokenKind.CloseParen, 1),
                _ => throw FormulaErrors.Plain(pos, $"unknown character '{c}' at position {pos}"),
            };
            string written = kind switch
            {
                FormulaTokenKind.Caret => "^",
                FormulaTokenKind.And => "&",
                _ => text.Substring(i, length),
            };
            tokens.Add(new FormulaToken(kind, written, pos));
            i += length;
        }
        tokens.Add(new FormulaToken(FormulaTokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    private static FormulaToken ReadNumber(string text, ref int i)
    {
        int start = i;
        var sb = new StringBuilder();
        while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.')) sb.Append(text[i++]);
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int save = i;
            var exp = new StringBuilder().Append('e');
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) exp.Append(text[i++]);
            if (i < text.Length && char.IsDigit(text[i]))
            {
                while (i < text.Length && char.IsDigit(text[i])) exp.Append(text[i++]);
                sb.Append(exp);
            }
            else
            {
                i = save;
            }
        }
        string written = text[start..i];
        if (i < text.Length && text[i] == 'L') i++;
        if (!double.TryParse(sb.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw FormulaErrors.At(start + 1, $"malformed number '{written}'");
        return new FormulaToken(FormulaTokenKind.Number, written, start + 1, value);
    }
}
