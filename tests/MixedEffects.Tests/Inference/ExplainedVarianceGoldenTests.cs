using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Inference;

/// <summary>
/// Marginal and conditional R-squared and ICC against R's performance::r2_nakagawa and performance::icc
/// (tests/reference/performance.json, written by tests/reference/r/performance.R with lme4 refitted tightly).
/// </summary>
public class ExplainedVarianceGoldenTests
{
    private const double Tolerance = 1e-6;

    public static IEnumerable<object[]> Cases => GoldenFile.CaseIds("performance");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPerformance(string id)
    {
        var c = GoldenFile.Case("performance", id);
        var data = Datasets.Load(c.GetProperty("dataset").GetString()!);
        string formula = c.GetProperty("formula").GetString()!;
        string family = c.GetProperty("family").GetString()!;
        var result = family == "gaussian"
            ? ExplainedVariance.Compute(LinearMixedModel.Fit(formula, data, new LinearMixedModelOptions
            {
                Method = c.GetProperty("reml").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood,
            }))
            : ExplainedVariance.Compute(GeneralizedLinearMixedModel.Fit(formula, data, new GeneralizedLinearMixedModelOptions
            {
                Family = family, Link = c.GetProperty("link").GetString(),
            }));
        Assert.Equal(c.GetProperty("r2_marginal").Number(), result.MarginalRSquared, Tolerance);
        Assert.Equal(c.GetProperty("r2_conditional").Number(), result.ConditionalRSquared, Tolerance);
        Assert.Equal(c.GetProperty("icc_adjusted").Number(), result.AdjustedIcc, Tolerance);
        Assert.Equal(c.GetProperty("icc_unadjusted").Number(), result.UnadjustedIcc, Tolerance);
        double scale = c.GetProperty("var_fixed").Number() + c.GetProperty("var_random").Number() + c.GetProperty("var_residual").Number();
        Assert.Equal(c.GetProperty("var_fixed").Number() / scale, result.FixedVariance / scale, Tolerance);
        Assert.Equal(c.GetProperty("var_random").Number() / scale, result.RandomVariance / scale, Tolerance);
        Assert.Equal(c.GetProperty("var_residual").Number() / scale, result.ResidualVariance / scale, Tolerance);
    }
}
