namespace MixedEffects.Formulas;

/// <summary>
/// Turns the formula operators of a term list into model terms, as R's <c>terms()</c> does:
/// <c>a*b = a + b + a:b</c>, <c>a/b = a + a:b</c>, <c>a %in% b = a:b</c>, <c>(a+b)^2</c> crosses to order 2,
/// <c>-</c> removes terms, <c>0</c>/<c>-1</c> remove the intercept; a comparison or logical expression
/// (<c>x &gt; 5</c>, <c>!a</c>, <c>a &amp; b</c>) is one variable, as in R. A term is the set of its variables'
/// indices, numbered by first appearance, so an interaction lists its variables in that order.
/// </summary>
internal sealed class TermEncoder
{
    private readonly List<ModelVariable> _variables = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<ModelVariable>? _offsets;
    private readonly Action<ParenthesizedExpression, BinaryExpression>? _onBar;
    private bool _intercept = true;

    /// <summary>The largest number of terms an interaction may expand to.</summary>
    private const int MaxTerms = 4096;

    /// <summary>Creates an encoder.</summary>
    /// <param name="offsets">Receives <c>offset(...)</c> arguments; null where offsets are not allowed.</param>
    /// <param name="onBar">Receives random-effects bars <c>(lhs | g)</c>; null where bars are not allowed.</param>
    public TermEncoder(List<ModelVariable>? offsets, Action<ParenthesizedExpression, BinaryExpression>? onBar)
    {
        _offsets = offsets;
        _onBar = onBar;
    }

    /// <summary>Encodes a right-hand side into terms ordered by interaction order, then first appearance.</summary>
    public TermList Encode(FormulaExpression expression)
    {
        var terms = Encode(expression, parity: true, barsAllowed: _onBar is not null);
        var ordered = terms.Where(t => t.Length > 0).OrderBy(t => t.Length)
            .Select(t => new ModelTerm(t.Select(i => _variables[i]).ToArray()))
            .ToArray();
        return new TermList(_intercept, ordered);
    }

    private List<int[]> Encode(FormulaExpression expression, bool parity, bool barsAllowed)
    {
        FormulaErrors.EnsureStack(expression);
        switch (expression)
        {
            case ParenthesizedExpression { Inner: BinaryExpression { Operator: "|" or "||" } bar } parenthesized:
                if (!barsAllowed || _onBar is null)
                    throw FormulaErrors.At(parenthesized.Position,
                        $"random-effects term '{parenthesized.ToRString()}' can only be added to the fixed terms with '+'");
                _onBar(parenthesized, bar);
                return [];
            case BinaryExpression { Operator: "|" or "||" } bar:
                throw FormulaErrors.At(bar.Position,
                    $"random-effects term '{bar.ToRString()}' must be written in parentheses, as '({bar.ToRString()})'");
            case ParenthesizedExpression parenthesized:
                return Encode(parenthesized.Inner, parity, barsAllowed);
            case NumberExpression number:
                if (number.Value == 1) _intercept = parity;
                else if (number.Value == 0) _intercept = !parity;
                else throw FormulaErrors.At(number.Position,
                    $"'{number.ToRString()}' is not a valid term (only 0 and 1, the intercept, may appear as numbers)");
                return [];
            case VariableExpression { Name: "." } dot:
                throw FormulaErrors.At(dot.Position, "'.' (all other columns) is not supported; list the columns by name");
            case CallExpression { Function: "offset" } call:
                AddOffset(call);
                return [];
            case VariableExpression or CallExpression:
            case BinaryExpression { Operator: "<" or ">" or "<=" or ">=" or "==" or "!=" or "&" }:
            case UnaryExpression { Operator: "!" }:
                return [[IndexOf(expression)]];
            case UnaryExpression { Operator: "-" } minus:
                Encode(minus.Operand, !parity, barsAllowed: false);
                return [];
            case UnaryExpression plus:
                return Encode(plus.Operand, parity, barsAllowed);
            case BinaryExpression binary:
                return EncodeBinary(binary, parity, barsAllowed);
            default:
                throw FormulaErrors.At(expression.Position, $"'{expression.ToRString()}' is not a valid term");
        }
    }

    private List<int[]> EncodeBinary(BinaryExpression binary, bool parity, bool barsAllowed)
    {
        var left = Encode(binary.Left, parity, barsAllowed && binary.Operator is "+" or "-");
        if (binary.Operator == "^") return Power(left, binary.Right);
        bool negate = binary.Operator == "-";
        var right = Encode(binary.Right, negate ? !parity : parity, barsAllowed && binary.Operator == "+");
        return binary.Operator switch
        {
            "+" => Distinct(left.Concat(right)),
            "-" => left.Where(l => !right.Any(r => r.SequenceEqual(l))).ToList(),
            ":" => Interact(left, right, binary.Position),
            "*" => Distinct(left.Concat(right).Concat(Interact(left, right, binary.Position))),
            "%in%" => Distinct(left.Select(l => Union(l, AllVariables(right)))),
            "/" => Distinct(left.Concat(right.Select(r => Union(r, AllVariables(left))))),
            _ => throw FormulaErrors.At(binary.Position, $"operator '{binary.Operator}' cannot combine model terms"),
        };
    }

    private void AddOffset(CallExpression call)
    {
        if (_offsets is null)
            throw FormulaErrors.At(call.Position, $"'{call.ToRString()}' can only appear in the fixed part of the formula");
        if (call.Arguments.Count != 1)
            throw FormulaErrors.At(call.Position, $"offset() takes one argument but '{call.ToRString()}' has {call.Arguments.Count}");
        _offsets.Add(new ModelVariable(call.Arguments[0]));
    }

    private int IndexOf(FormulaExpression expression)
    {
        string label = expression.ToRString();
        if (_index.TryGetValue(label, out int index)) return index;
        _variables.Add(new ModelVariable(expression));
        _index[label] = _variables.Count - 1;
        return _variables.Count - 1;
    }

    /// <summary>
    /// <c>terms ^ k</c>: all interactions of the terms up to order k. R stops with "invalid power in formula"
    /// unless k is a whole number of at least 1; a k beyond the number of variables adds nothing more.
    /// </summary>
    private static List<int[]> Power(List<int[]> left, FormulaExpression exponent)
    {
        var inner = exponent;
        while (inner is ParenthesizedExpression p) inner = p.Inner;
        if (inner is not NumberExpression { Value: >= 1 and <= int.MaxValue } number || number.Value != Math.Floor(number.Value))
            throw FormulaErrors.At(exponent.Position,
                $"invalid power in formula: '{exponent.ToRString()}' is not a whole number of at least 1");
        var result = left;
        for (int i = 1; i < (int)number.Value; i++)
        {
            var next = Distinct(result.Concat(Interact(left, result, exponent.Position)));
            if (next.Count == result.Count) break;
            result = next;
        }
        return result;
    }

    private static List<int[]> Interact(List<int[]> left, List<int[]> right, int position)
    {
        if ((long)left.Count * right.Count > MaxTerms)
            throw FormulaErrors.At(position, $"the formula expands to more than {MaxTerms} terms");
        return Distinct(left.SelectMany(l => right.Select(r => Union(l, r))));
    }

    private static int[] AllVariables(List<int[]> terms) => terms.SelectMany(t => t).Distinct().Order().ToArray();

    private static int[] Union(int[] a, int[] b) => a.Concat(b).Distinct().Order().ToArray();

    private static List<int[]> Distinct(IEnumerable<int[]> terms)
    {
        var result = new List<int[]>();
        foreach (var term in terms)
        {
            if (term.Length > 0 && !result.Any(t => t.SequenceEqual(term))) result.Add(term);
        }
        return result;
    }
}
