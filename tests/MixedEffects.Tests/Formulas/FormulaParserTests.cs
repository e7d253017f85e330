using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Formulas;

/// <summary>
/// Parsing: tree shape follows R's operator precedence (?Syntax), and <see cref="FormulaExpression.ToRString"/>
/// matches R's deparse, checked with R 4.2.2 term labels (e.g. <c>I((x + 1)^2)</c>, <c>I(x/2)</c>, <c>I(1e+05 * x)</c>).
/// </summary>
public class FormulaParserTests
{
    // Fully parenthesised rendering of the tree, to check grouping.
    private static string Shape(FormulaExpression e) => e switch
    {
        BinaryExpression b => $"[{Shape(b.Left)} {b.Operator} {Shape(b.Right)}]",
        UnaryExpression u => $"[{u.Operator}{Shape(u.Operand)}]",
        ParenthesizedExpression p => $"({Shape(p.Inner)})",
        CallExpression c => $"{c.Function}({string.Join(", ", c.Arguments.Select(Shape))})",
        _ => e.ToRString(),
    };

    [Theory]
    [InlineData("y ~ a + b:c", "[a + [b : c]]")]
    [InlineData("y ~ -1 + x", "[[-1] + x]")]
    [InlineData("y ~ a*b:c", "[a * [b : c]]")]
    [InlineData("y ~ a %in% b:c", "[a %in% [b : c]]")]
    [InlineData("y ~ a + b %in% c * d", "[a + [[b %in% c] * d]]")]
    [InlineData("y ~ a - b - c", "[[a - b] - c]")]
    [InlineData("y ~ x^2^3", "[x ^ [2 ^ 3]]")]
    [InlineData("y ~ -x^2", "[-[x ^ 2]]")]
    [InlineData("y ~ -a:b", "[[-a] : b]")]
    [InlineData("y ~ x^-1", "[x ^ [-1]]")]
    [InlineData("y ~ x**2", "[x ^ 2]")]
    [InlineData("y ~ a + !b + c", "[a + [![b + c]]]")]
    [InlineData("y ~ x > 5 & z < 2 | w", "[[[x > 5] & [z < 2]] | w]")]
    [InlineData("y ~ a + b > c * d", "[[a + b] > [c * d]]")]
    [InlineData("y ~ !a & b", "[[!a] & b]")]
    [InlineData("y ~ a:!b", "[a : [!b]]")]
    [InlineData("y ~ (1 + x | g)", "([[1 + x] | g])")]
    [InlineData("y ~ (x || g)", "([x || g])")]
    [InlineData("y ~ (1 | g1/g2)", "([1 | [g1 / g2]])")]
    [InlineData("y ~ (a + b)^2", "[([a + b]) ^ 2]")]
    [InlineData("y ~ I(x - 10) + offset(log(n))", "[I([x - 10]) + offset(log(n))]")]
    public void PrecedenceFollowsR(string text, string shape)
    {
        var formula = Formula.Parse(text);
        Assert.Equal(shape, Shape(formula.RightHandSide).Replace("(([a + b]))", "(([a + b]))"));
    }

    [Theory]
    [InlineData("y ~ I((x+1)^2)", "I((x + 1)^2)")]
    [InlineData("y ~ I(x/2)", "I(x/2)")]
    [InlineData("y ~ I(x*2)", "I(x * 2)")]
    [InlineData("y ~ I(1e5*x)", "I(1e+05 * x)")]
    [InlineData("y ~ I(1e-5 + x)", "I(1e-05 + x)")]
    [InlineData("y ~ I(2.50*x)", "I(2.5 * x)")]
    [InlineData("y ~ I(x - -1)", "I(x - -1)")]
    [InlineData("y ~ log(x, 2)", "log(x, 2)")]
    [InlineData("y ~ `my col`", "`my col`")]
    [InlineData("y ~ .5 + x", "0.5 + x")]
    public void DeparseMatchesR(string text, string deparsed)
    {
        Assert.Equal(deparsed, Formula.Parse(text).RightHandSide.ToRString());
    }

    [Fact]
    public void ResponseAndPositions()
    {
        var formula = Formula.Parse("cbind(incidence, size - incidence) ~ period + (1 | herd)");
        var response = Assert.IsType<CallExpression>(formula.Response);
        Assert.Equal("cbind", response.Function);
        Assert.Equal(2, response.Arguments.Count);
        Assert.Equal(18, response.Arguments[1].Position);
        var plus = Assert.IsType<BinaryExpression>(formula.RightHandSide);
        Assert.Equal(38, plus.Left.Position);
        Assert.Equal(47, plus.Right.Position);
    }

    [Fact]
    public void NamesWithDotsUnderscoresAndBackticks()
    {
        var formula = Formula.Parse("log_rt ~ a.b + `my col` + .hidden");
        Assert.Equal("log_rt", Assert.IsType<VariableExpression>(formula.Response).Name);
        Assert.Equal(["a.b", "my col", ".hidden"], FormulaColumns.Collect(formula.RightHandSide));
    }

    [Fact]
    public void OneSidedFormula()
    {
        var formula = Formula.Parse("~ x + z");
        Assert.Null(formula.Response);
        Assert.Equal("x + z", formula.RightHandSide.ToRString());
    }

    [Fact]
    public void CollectSkipsFunctionNamesAndDuplicates()
    {
        var formula = Formula.Parse("y ~ log(x) + I(x^2) + offset(log(n)) + factor(g):z");
        Assert.Equal(["x", "n", "g", "z"], FormulaColumns.Collect(formula.RightHandSide));
    }

    [Theory]
    [InlineData("y ~ (a + )", 10, "formula error at position 10: expected a variable name or '(' but found ')'")]
    [InlineData("y ~ a + ", 9, "formula error at position 9: expected a variable name or '(' but found the end of the formula")]
    [InlineData("y ~ a + )", 9, "formula error at position 9: ')' has no matching '('")]
    [InlineData("y + x", 1, "formula error: missing '~' in 'y + x' (write it as 'response ~ terms')")]
    [InlineData("y ~ (a + b", 5, "formula error: unbalanced parenthesis opened at position 5")]
    [InlineData("y ~ log(x", 8, "formula error: unbalanced parenthesis opened at position 8")]
    [InlineData("y ~ a$b", 6, "formula error: unknown character '$' at position 6")]
    [InlineData("y ~ a ~ b", 7, "formula error at position 7: a formula has only one '~'")]
    [InlineData("y ~ a b", 7, "formula error at position 7: expected an operator but found 'b'")]
    [InlineData("y x ~ a", 3, "formula error at position 3: expected an operator or '~' but found 'x'")]
    [InlineData("y ~ `a b", 5, "formula error: unterminated backtick name starting at position 5")]
    [InlineData("y ~ a %o% b", 7, "formula error at position 7: unknown operator '%o%' (only %in% is supported)")]
    [InlineData("y ~ log(x y)", 11, "formula error at position 11: expected ')' to close the parenthesis opened at position 8 but found 'y'")]
    [InlineData("   ", 1, "formula error: the formula is empty")]
    public void SyntaxErrorsReportPosition(string text, int position, string message)
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => Formula.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Equal(message, error.Message);
        Assert.IsAssignableFrom<MixedEffectsException>(error);
    }
}
