using MixedEffects.Tests.Reference;
using MixedEffects.Tests.Variance;
using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed fit ... --variance</c>: the repeated-measures workflow (varIdent by session, the likelihood-ratio test against
/// one residual variance, Tukey-adjusted pairwise sessions) with numbers from variance.json (nlme), the JSON
/// <c>variance</c> object, and bad input as one line with exit code 2.
/// </summary>
public sealed class MixedCommandVarianceTests
{
    private const string Formula = "t ~ session + (1 | subject)";
    private const string Ident = "varIdent(~ 1 | session)";

    [Fact]
    public void SessionsWorkflowEndToEnd()
    {
        var json = CliRun.Json("fit", "sessions", Formula, "--variance", Ident, "--compare", Formula,
            "--emmeans", "session", "--adjust", "tukey");
        var r = VarianceCases.Reference("sessions_reml");
        Tolerance.Close(r.GetProperty("logLik").GetDouble(), json.GetProperty("logLik").GetDouble(), 1e-6, what: "logLik");
        var variance = json.GetProperty("variance");
        Assert.Equal("varIdent", variance.GetProperty("structure").GetString());
        Assert.Equal("~1 | session", variance.GetProperty("form").GetString());
        foreach (var stratum in r.GetProperty("sd").EnumerateObject())
            Tolerance.Close(stratum.Value.GetDouble(), variance.GetProperty("sd").GetProperty(stratum.Name).GetDouble(), 1e-3, what: stratum.Name);
        Tolerance.Close(r.GetProperty("sd").GetProperty("post").GetDouble(), json.GetProperty("sigma").GetDouble(), 1e-3, what: "sigma");

        var lrt = GoldenFile.Load("variance").GetProperty("seed").GetProperty("lrt");
        var compare = json.GetProperty("compare");
        Tolerance.Close(lrt.GetProperty("chisq").GetDouble(), compare.GetProperty("chisq").GetDouble(), 1e-5, what: "chisq");
        Assert.Equal(4, compare.GetProperty("df").GetInt32());

        var contrasts = json.GetProperty("emmeans").GetProperty("contrasts").EnumerateArray().ToArray();
        var pairs = GoldenFile.Load("variance").GetProperty("seed").GetProperty("pairs").EnumerateArray().ToArray();
        Assert.Equal(pairs.Select(p => p.GetProperty("contrast").GetString()), contrasts.Select(c => c.GetProperty("contrast").GetString()));
        for (int i = 0; i < pairs.Length; i++)
            Tolerance.Close(pairs[i].GetProperty("se").GetDouble(), contrasts[i].GetProperty("se").GetDouble(), 1e-4, what: "contrast SE");
    }

    [Fact]
    public void TextSummaryHasNlmesVarianceFunctionBlock()
    {
        var run = CliRun.Succeeding("fit", "bodyweight", "weight ~ Time * Diet + (Time | Rat)", "--variance", "varPower(~ Time)");
        Assert.Contains("Variance function:\n Structure: Power of variance covariate\n Formula: ~Time\n Parameter estimates:\n", run.Stdout,
            StringComparison.Ordinal);
        var json = CliRun.Json("fit", "bodyweight", "weight ~ Time * Diet + (Time | Rat)", "--variance", "varPower(~ Time)");
        Tolerance.Close(VarianceCases.Reference("bodyweight_power_reml").GetProperty("parameter").GetDouble(),
            json.GetProperty("variance").GetProperty("parameter").GetDouble(), 1e-2, what: "power");
    }

    [Fact]
    public void UnknownVarianceFunction() =>
        AssertUserError(CliRun.Of("fit", "sessions", Formula, "--variance", "varFoo(~ 1 | session)"), "varFoo");

    [Fact]
    public void StratumWithOneObservation()
    {
        using var dir = new TempDirectory();
        string path = dir.File("one.csv",
            "y,g,f\n1,\"a\",\"p\"\n2,\"a\",\"q\"\n4,\"b\",\"p\"\n3,\"b\",\"q\"\n5,\"c\",\"p\"\n2,\"c\",\"r\"\n6,\"d\",\"p\"\n1,\"d\",\"q\"\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ 1 + (1 | g)", "--variance", "varIdent(~ 1 | f)"), "'r'");
    }

    [Fact]
    public void FactorWithOneLevel()
    {
        using var dir = new TempDirectory();
        string path = dir.File("level.csv", "y,g,f\n1,\"a\",\"p\"\n2,\"a\",\"p\"\n4,\"b\",\"p\"\n3,\"b\",\"p\"\n5,\"c\",\"p\"\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ 1 + (1 | g)", "--variance", "varIdent(~ 1 | f)"), "one level");
    }

    [Fact]
    public void PowerOfACovariateWithZeros() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--variance", "varPower(~ Days)"), "'Days' is 0 in row 1");

    [Fact]
    public void UnknownColumnInTheVarianceFunction() =>
        AssertUserError(CliRun.Of("fit", "sessions", Formula, "--variance", "varExp(~ dose)"), "'dose'");

    [Fact]
    public void KenwardRogerUnderVarExpAndProfileAreRefused()
    {
        AssertUserError(CliRun.Of("fit", "sessions", Formula, "--variance", "varExp(~ t)", "--ddf", "kenward-roger"), "varExp(~ t)");
        AssertUserError(CliRun.Of("fit", "sessions", Formula, "--variance", Ident, "--confint", "profile"), "--variance");
    }
}
