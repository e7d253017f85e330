using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// Kenward-Roger under varIdent against pbkrtest (variance.json, "kenward_roger"): pbkrtest's vcovAdj and get_Lb_ddf on
/// the lmer fit of the same model (observation-level random effects carry each stratum's excess residual variance; its
/// REML log-likelihood equals nlme's or glmmTMB's), compared with ours on the varIdent fit; and the refusal under
/// varExp, whose covariance is not linear in its parameter.
/// </summary>
public class KenwardRogerVarIdentTests
{
    public static IEnumerable<object[]> CaseIds() => VarianceCases.SectionIds("kenward_roger");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void AdjustedStandardErrorsAndDfMatchPbkrtest(string id)
    {
        var r = VarianceCases.SectionEntry("kenward_roger", id);
        var fit = VarianceCases.FitEntry(r);
        Tolerance.Close(r.GetProperty("logLik_lmer").GetDouble(), fit.LogLikelihood, 1e-8, what: "REML logLik");
        var kr = KenwardRoger.For(fit);
        var expected = r.GetProperty("fixed").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("term").GetString()), fit.FixedEffectNames);
        var covariance = kr.Covariance;
        for (int j = 0; j < expected.Length; j++)
        {
            var e = expected[j];
            var unit = new double[expected.Length];
            unit[j] = 1;
            Tolerance.Close(e.GetProperty("se_adjusted").GetDouble(), Math.Sqrt(covariance[j, j]), 1e-4, what: $"{id} {fit.FixedEffectNames[j]} adjusted SE");
            Tolerance.Close(e.GetProperty("df").GetDouble(), kr.DegreesOfFreedom(unit), 1e-4, what: $"{id} {fit.FixedEffectNames[j]} df");
        }
    }

    [Fact]
    public void VarExpIsRefusedWithOneLine()
    {
        var fit = VarianceCases.Fit("bodyweight_exp_reml");
        var e = Assert.Throws<ModelSpecificationException>(() => KenwardRoger.For(fit));
        Assert.Contains("varExp(~ Time)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
