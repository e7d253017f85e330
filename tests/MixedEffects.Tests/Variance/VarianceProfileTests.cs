using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// Profile-likelihood intervals of a variance function's parameter against the profile computed in R
/// (variance.json, "variance_profiles"): nlme::lme refitted with the function held at each value, and the bounds where
/// twice the drop of the log-likelihood equals the chi-square(1) quantile.
/// </summary>
public class VarianceProfileTests
{
    public static IEnumerable<object[]> CaseIds() => VarianceCases.SectionIds("variance_profiles");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void ProfileIntervalsMatchNlmeRefits(string id)
    {
        var r = VarianceCases.SectionEntry("variance_profiles", id);
        var fit = VarianceCases.FitEntry(r);
        Tolerance.Close(r.GetProperty("logLik").GetDouble(), fit.LogLikelihood, 1e-8, what: "logLik");
        var intervals = ConfidenceIntervals.VarianceFunctionProfile(fit, r.GetProperty("level").GetDouble());
        var expected = r.GetProperty("intervals").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("name").GetString()), intervals.Select(i => i.Parameter));
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.Equal(ConfidenceIntervalMethod.Profile, intervals[j].Method);
            Tolerance.Close(expected[j].GetProperty("lower").GetDouble(), intervals[j].Lower, 1e-4, 1e-6, $"{id} {intervals[j].Parameter} lower");
            Tolerance.Close(expected[j].GetProperty("upper").GetDouble(), intervals[j].Upper, 1e-4, 1e-6, $"{id} {intervals[j].Parameter} upper");
        }
    }

    [Fact]
    public void AFitWithoutVarianceFunctionIsRefused()
    {
        var fit = LinearMixedModel.Fit("distance ~ age + (1 | Subject)", Datasets.Load("orthodont"));
        Assert.Throws<ModelSpecificationException>(() => ConfidenceIntervals.VarianceFunctionProfile(fit));
    }
}
