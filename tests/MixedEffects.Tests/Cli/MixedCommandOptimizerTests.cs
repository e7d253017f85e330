using System.Text.Json;
using MixedEffects.Tests.Optimization;
using MixedEffects.Tests.Reference;
using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>--optimizer</c>, <c>--start</c> and the <c>optimizer</c> object of the JSON report; optima from
/// tests/reference/lmm.json and optimizer.json (lme4 tight refits).
/// </summary>
public sealed class MixedCommandOptimizerTests
{
    private const string SleepFormula = "Reaction ~ Days + (Days | Subject)";

    [Fact]
    public void JsonReportsTheOptimizerSummary()
    {
        var r = OptimizerCases.Reference("orange_slopes_reml");
        var path = Path.Combine(AppContext.BaseDirectory, "reference", "data", "orange.csv");
        var json = CliRun.Json("fit", path, r.GetProperty("formula").GetString()!, "--ddf", "none");
        var o = json.GetProperty("optimizer");
        Assert.Equal("bobyqa", o.GetProperty("name").GetString());
        Assert.Equal(json.GetProperty("evaluations").GetInt32(), o.GetProperty("evaluations").GetInt32());
        Assert.Equal([1.0, 0.0, 1.0], o.GetProperty("initial").Numbers());
        Assert.Equal(3, o.GetProperty("final").GetArrayLength());
        Assert.Equal(3, o.GetProperty("gradient").GetArrayLength());
        Assert.Equal(json.GetProperty("REMLcrit").GetDouble(), o.GetProperty("finalValue").GetDouble(), 9);
        Assert.True(o.GetProperty("finalValue").GetDouble() <= OptimizerCases.TightOptimum("orange_slopes_reml") + 1e-7);
        Assert.True(o.GetProperty("restarts").GetInt32() >= 1, "the first search stops short on this model");
        Assert.Equal("converged", o.GetProperty("returnCode").GetString());
        Assert.True(json.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void NelderMeadFromGivenStartReachesTheOptimum()
    {
        double tight = GoldenFile.Case("lmm", "sleepstudy_slopes_reml").GetProperty("tight").GetProperty("objective").GetDouble();
        var json = CliRun.Json("fit", "sleepstudy", SleepFormula, "--optimizer", "neldermead", "--start", "0.5,0.1,0.5", "--ddf", "none");
        var o = json.GetProperty("optimizer");
        Assert.Equal("neldermead", o.GetProperty("name").GetString());
        Assert.Equal([0.5, 0.1, 0.5], o.GetProperty("initial").Numbers());
        Assert.Equal(tight, json.GetProperty("REMLcrit").GetDouble(), 6);
    }

    [Fact]
    public void UnknownOptimizerIsAUserError() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--optimizer", "newuoa"), "newuoa");

    [Fact]
    public void StartThatIsNotANumberIsAUserError() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--start", "1,x,1"), "'x'");

    [Fact]
    public void StartOfTheWrongLengthNamesTheNumberOfParameters() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--start", "1,0"), "3 covariance parameters");

    [Fact]
    public void OptimizerWithFamilyIsAUserError() =>
        AssertUserError(CliRun.Of("fit", "cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "--optimizer", "bobyqa"), "--optimizer");
}
