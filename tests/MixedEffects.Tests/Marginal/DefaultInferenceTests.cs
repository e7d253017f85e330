using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// emmeans' default df rule for lmer fits (emmeans 1.8.4-1, <c>emm_basis.merMod</c>: <c>lmer.df = "kenward-roger"</c>,
/// <c>pbkrtest.limit = 3000</c>; pbkrtest's <c>vcovAdj</c> refits an ML model by REML). The REML and large-model cases are
/// checked against emmeans' numbers in <see cref="EmmeansTests"/>; here the ML rule.
/// </summary>
public class DefaultInferenceTests
{
    [Fact]
    public void MaximumLikelihoodFitUsesKenwardRogerOfTheRemlRefit()
    {
        var data = Datasets.Load("sleepstudy");
        const string formula = "Reaction ~ Days + (Days | Subject)";
        var ml = LinearMixedModel.Fit(formula, data, new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood });
        var reml = KenwardRoger.For(LinearMixedModel.Fit(formula, data));
        var means = Emmeans.Compute(ml, "1");
        Assert.Equal("kenward-roger", means.DegreesOfFreedomMethod);
        var row = means.Rows[0];
        // The grid row is (1, mean Days) = (1, 4.5): its SE and df are the REML refit's Kenward-Roger ones, the estimate the ML one.
        double[] l = [1, 4.5];
        var v = reml.Covariance;
        double se = Math.Sqrt(v[0, 0] + 2 * 4.5 * v[0, 1] + 4.5 * 4.5 * v[1, 1]);
        Assert.Equal(se, row.StandardError, 1e-6 * se);
        Assert.Equal(reml.DegreesOfFreedom(l), row.DegreesOfFreedom, 1e-6);
        Assert.Equal(ml.Beta[0] + 4.5 * ml.Beta[1], row.Estimate, 1e-9);
    }
}
