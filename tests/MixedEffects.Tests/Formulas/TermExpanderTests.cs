using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Formulas;

/// <summary>
/// Fixed-term expansion. Every expected label list and intercept flag is R's own output:
/// <c>attr(terms(nobars(formula)), "term.labels")</c> and <c>attr(..., "intercept")</c>, R 4.2.2.
/// </summary>
public class TermExpanderTests
{
    [Theory]
    [InlineData("y ~ a*b + c", true, "a,b,c,a:b")]
    [InlineData("y ~ a + b:a", true, "a,a:b")]
    [InlineData("y ~ (a+b+c)^2", true, "a,b,c,a:b,a:c,b:c")]
    [InlineData("y ~ a/b", true, "a,a:b")]
    [InlineData("y ~ a*b - a", true, "b,a:b")]
    [InlineData("y ~ x*f - 1", false, "x,f,x:f")]
    [InlineData("y ~ 0 + x", false, "x")]
    [InlineData("y ~ b %in% a", true, "b:a")]
    [InlineData("y ~ a/(b+c)", true, "a,a:b,a:c")]
    [InlineData("y ~ (a+b)/c", true, "a,b,a:b:c")]
    [InlineData("y ~ a:b + b:a + a", true, "a,a:b")]
    [InlineData("y ~ c:b + a:c + a + b", true, "a,b,c:b,c:a")]
    [InlineData("y ~ factor(x) + log(z) + I(x^2) + offset(log(n))", true, "factor(x),log(z),I(x^2)")]
    [InlineData("y ~ a*b*c - a:b:c", true, "a,b,c,a:b,a:c,b:c")]
    [InlineData("y ~ -1 + x", false, "x")]
    [InlineData("y ~ x + 1", true, "x")]
    [InlineData("y ~ a - 1 + 1", true, "a")]
    [InlineData("y ~ 1", true, "")]
    [InlineData("y ~ 0", false, "")]
    [InlineData("y ~ a %in% b:c", true, "a:b:c")]
    [InlineData("y ~ `my col` + a.b + log_rt", true, "`my col`,a.b,log_rt")]
    [InlineData("y ~ I(x - 10) + I(-x) + I(x/2)", true, "I(x - 10),I(-x),I(x/2)")]
    [InlineData("y ~ 1 + x + f + x:f + x*f - 1 + 0", false, "x,f,x:f")]
    [InlineData("log_rt ~ task * stimulus", true, "task,stimulus,task:stimulus")]
    [InlineData("y ~ (a*b)^2", true, "a,b,a:b")]
    [InlineData("y ~ a*b*c", true, "a,b,c,a:b,a:c,b:c,a:b:c")]
    [InlineData("y ~ (a+b+c)^3 - a:b", true, "a,b,c,a:c,b:c,a:b:c")]
    [InlineData("y ~ factor(Product)*factor(Information)", true,
        "factor(Product),factor(Information),factor(Product):factor(Information)")]
    [InlineData("y ~ exp(x):f + sqrt(x) + abs(x)", true, "sqrt(x),abs(x),exp(x):f")]
    [InlineData("y ~ a + b - 1 + 0 - 0", true, "a,b")]
    [InlineData("y ~ (a + b) * c", true, "a,b,c,a:c,b:c")]
    [InlineData("Reaction ~ Days + (Days | Subject)", true, "Days")]
    [InlineData("log_rt ~ task * stimulus + (stimulus | id) + (task | item)", true, "task,stimulus,task:stimulus")]
    [InlineData("cbind(incidence, size - incidence) ~ period + (1 | herd)", true, "period")]
    public void FixedTermsMatchR(string formula, bool intercept, string labels)
    {
        var spec = ModelSpecification.FromFormula(formula);
        Assert.Equal(intercept, spec.Fixed.HasIntercept);
        Assert.Equal(labels, string.Join(",", spec.Fixed.Terms.Select(t => t.Label)));
    }

    [Fact]
    public void OffsetGoesToOffsetsNotTerms()
    {
        var spec = ModelSpecification.FromFormula("y ~ x + offset(log(n))");
        Assert.Equal("log(n)", Assert.Single(spec.Offsets).Name);
        Assert.Equal("x", Assert.Single(spec.Fixed.Terms).Label);
    }

    [Fact]
    public void InteractionVariablesAreTheMainEffectVariables()
    {
        var spec = ModelSpecification.FromFormula("y ~ a + b:a");
        var interaction = spec.Fixed.Terms[1];
        Assert.Equal(2, interaction.Order);
        Assert.Equal(["a", "b"], interaction.Variables.Select(v => v.Name));
        Assert.Same(spec.Fixed.Terms[0].Variables[0], interaction.Variables[0]);
    }

    [Fact]
    public void ResponseMayBeAnyExpression()
    {
        Assert.Equal("cbind(incidence, size - incidence)",
            ModelSpecification.FromFormula("cbind(incidence, size - incidence) ~ period + (1 | herd)").Response!.Name);
        Assert.Equal("log(y)", ModelSpecification.FromFormula("log(y) ~ x").Response!.Name);
        Assert.Null(ModelSpecification.FromFormula("~ x").Response);
    }

    [Fact]
    public void AllColumnsListsEveryColumnOnce()
    {
        var spec = ModelSpecification.FromFormula("cbind(incidence, size - incidence) ~ period + offset(log(n)) + (1 | herd)");
        Assert.Equal(["incidence", "size", "period", "n", "herd"], spec.AllColumns());
    }

    [Fact]
    public void FactorCallIsRecognised()
    {
        var spec = ModelSpecification.FromFormula("y ~ factor(x) + x");
        Assert.True(spec.Fixed.Terms[0].Variables[0].IsFactorCall);
        Assert.False(spec.Fixed.Terms[1].Variables[0].IsFactorCall);
        Assert.Equal(["x"], spec.Fixed.Terms[0].Variables[0].ColumnNames());
    }

    [Theory]
    [InlineData("y ~ x + 2", 9, "'2' is not a valid term")]
    [InlineData("y ~ (a + b)^x", 13, "invalid power in formula")]
    [InlineData("y ~ a + (b | g) | h", 9, "can only be added")]
    [InlineData("y ~ a:(1|g)", 7, "can only be added")]
    [InlineData("y ~ x + (1 | 2)", 14, "cannot be a grouping factor")]
    [InlineData("y ~ (0 | g)", 6, "has no random effects")]
    [InlineData("y ~ .", 5, "'.'")]
    [InlineData("y ~ (offset(n) | g)", 6, "fixed part")]
    public void MeaninglessTermsFailWithPosition(string formula, int position, string fragment)
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => ModelSpecification.FromFormula(formula));
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message);
        Assert.StartsWith($"formula error at position {position}:", error.Message);
    }
}
