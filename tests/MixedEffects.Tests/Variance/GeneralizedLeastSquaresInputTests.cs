using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Variance;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>Bad input to generalized least squares: one line naming the problem, as a <see cref="MixedEffectsException"/>.</summary>
public class GeneralizedLeastSquaresInputTests
{
    private static Dataset Orthodont => Datasets.Load("orthodont");

    [Fact]
    public void RandomEffectsTermIsRefusedByName()
    {
        var e = Assert.ThrowsAny<MixedEffectsException>(() => GeneralizedLeastSquares.Fit("distance ~ age + (1 | Subject)", Orthodont,
            new LinearMixedModelOptions { Variance = VarianceFunction.Parse("varIdent(~ 1 | Sex)") }));
        Assert.Contains("no random-effects terms", e.Message);
        Assert.Contains("| Subject", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("varIdent(~ 1 | Gender)", "Gender")]
    [InlineData("varPower(~ years)", "years")]
    [InlineData("varExp(~ weight)", "weight")]
    public void UnknownVarianceCovariateIsNamed(string spec, string column)
    {
        var e = Assert.ThrowsAny<MixedEffectsException>(() => GeneralizedLeastSquares.Fit("distance ~ age", Orthodont,
            new LinearMixedModelOptions { Variance = VarianceFunction.Parse(spec) }));
        Assert.Contains(column, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void UnknownFormulaColumnIsNamed()
    {
        var e = Assert.ThrowsAny<MixedEffectsException>(() => GeneralizedLeastSquares.Fit("distance ~ height", Orthodont));
        Assert.Contains("height", e.Message);
    }

    [Fact]
    public void FittedValuesCovariateIsRefusedWithRandomEffects()
    {
        var e = Assert.ThrowsAny<MixedEffectsException>(() => LinearMixedModel.Fit("distance ~ age + (1 | Subject)", Orthodont,
            new LinearMixedModelOptions { Variance = VarianceFunction.Parse("varPower(~ fitted(.))") }));
        Assert.Contains("fitted values", e.Message);
        Assert.Contains("without random effects", e.Message);
    }

    [Fact]
    public void FittedValuesAreNotAStratifyingFactor()
    {
        var e = Assert.ThrowsAny<MixedEffectsException>(() => VarianceFunction.Parse("varIdent(~ 1 | fitted(.))"));
        Assert.Contains("fitted(.)", e.Message);
    }
}
