using MixedEffects.Formulas;
using Xunit;

namespace MixedEffects.Tests.Formulas;

/// <summary>
/// Random-effects expansion. Expected terms are lme4 1.1-31's <c>findbars()</c> output (R 4.2.2), written here
/// with the intercept spelled out: lme4's <c>Days | Subject</c> is "1 + Days | Subject", and lme4's nested
/// group <c>c:(b:a)</c> is written "c:b:a". Uncorrelated terms (from <c>||</c>) are marked with "||".
/// </summary>
public class RandomTermExpanderTests
{
    [Theory]
    [InlineData("Reaction ~ Days + (Days | Subject)", "1 + Days | Subject")]
    [InlineData("strength ~ 1 + (1|batch/cask)", "1 | cask:batch; 1 | batch")]
    [InlineData("log_rt ~ task * stimulus + (stimulus | id) + (task | item)", "1 + stimulus | id; 1 + task | item")]
    [InlineData("cbind(incidence, size - incidence) ~ period + (1 | herd)", "1 | herd")]
    [InlineData("y ~ (Days||Subject)", "1 || Subject; 0 + Days || Subject")]
    [InlineData("y ~ (1 + x + z || g)", "1 || g; 0 + x || g; 0 + z || g")]
    [InlineData("y ~ (0 + x | g)", "0 + x | g")]
    [InlineData("y ~ (1|g1:g2)", "1 | g1:g2")]
    [InlineData("y ~ (x*z || g)", "1 || g; 0 + x || g; 0 + z || g; 0 + x:z || g")]
    [InlineData("y ~ (1|a/b/c)", "1 | c:b:a; 1 | b:a; 1 | a")]
    [InlineData("y ~ x + (1|g) + (0 + x|g)", "1 | g; 0 + x | g")]
    [InlineData("y ~ (x || a/b)", "1 || b:a; 1 || a; 0 + x || b:a; 0 + x || a")]
    [InlineData("y ~ (factor(x) | g)", "1 + factor(x) | g")]
    public void RandomTermsMatchLme4(string formula, string expected)
    {
        var spec = ModelSpecification.FromFormula(formula);
        Assert.Equal(expected, string.Join("; ", spec.Random.Select(Describe)));
    }

    [Fact]
    public void NestedGroupingListsInnerFactorFirst()
    {
        var spec = ModelSpecification.FromFormula("strength ~ 1 + (1|batch/cask)");
        Assert.Equal(["cask", "batch"], spec.Random[0].Grouping.Select(g => g.Name));
        Assert.Equal("cask:batch", spec.Random[0].GroupName);
        Assert.True(spec.Random[0].Correlated);
        Assert.True(spec.Fixed.HasIntercept);
        Assert.Empty(spec.Fixed.Terms);
    }

    [Fact]
    public void RandomEffectVariablesFollowTheirOwnOrder()
    {
        // R: attr(terms(~ b + a + a:b), "term.labels") is b, a, b:a (order of appearance inside the bar).
        var spec = ModelSpecification.FromFormula("y ~ a + (b + a + a:b | g)");
        Assert.Equal(["b", "a", "b:a"], spec.Random[0].Effects.Terms.Select(t => t.Label));
    }

    private static string Describe(RandomEffectsSpec r)
    {
        var parts = new List<string> { r.Effects.HasIntercept ? "1" : "0" };
        parts.AddRange(r.Effects.Terms.Select(t => t.Label));
        string effects = string.Join(" + ", parts);
        return $"{effects} {(r.Correlated ? "|" : "||")} {r.GroupName}";
    }
}
