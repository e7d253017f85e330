using MixedEffects.Reporting;
using Xunit;

namespace MixedEffects.Tests.Reporting;

/// <summary>Titles of glmer's summary and the JSON method names of generalized fits.</summary>
public sealed class GeneralizedLinearMixedModelSummaryTests
{
    [Theory]
    // expected: the title lines printed by R 4.2.2, lme4 1.1-31, summary(glmer(..., nAGQ = n)) for the cbpp model
    [InlineData(1, "Generalized linear mixed model fit by maximum likelihood (Laplace", "  Approximation) [glmerMod]")]
    [InlineData(0, "Generalized linear mixed model fit by maximum likelihood (Adaptive", "  Gauss-Hermite Quadrature, nAGQ = 0) [glmerMod]")]
    [InlineData(25, "Generalized linear mixed model fit by maximum likelihood (Adaptive", "  Gauss-Hermite Quadrature, nAGQ = 25) [glmerMod]")]
    public void TitleWrapsAsLme4(int nAgq, string first, string second)
    {
        var lines = LinearMixedModelSummaryTitle.Lines(GeneralizedLinearMixedModelSummary.Title(nAgq), "glmerMod");
        Assert.Equal(new[] { first, second }, lines);
    }

    [Theory]
    [InlineData(0, "nAGQ=0")]
    [InlineData(1, "Laplace")]
    [InlineData(7, "AGQ(7)")]
    public void JsonMethodNames(int nAgq, string expected) => Assert.Equal(expected, JsonReport.MethodName(nAgq));
}
