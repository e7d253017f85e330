using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>Bad values and combinations of --family, --link, --nagq, --type, --compare, --confint, --nsim, --seed: exit code 2 and one line.</summary>
public sealed class MixedCommandGlmmErrorTests
{
    private const string Cbpp = "cbind(incidence, size - incidence) ~ period + (1 | herd)";

    private static CliRun Glmm(params string[] options) => CliRun.Of(["fit", "cbpp", Cbpp, "--family", "binomial", .. options]);

    [Theory]
    [InlineData("--reml")]
    [InlineData("--anova")]
    public void LinearOnlyFlags(string option) => AssertUserError(Glmm(option), option, "linear");

    [Fact]
    public void KenwardRogerWithFamily() => AssertUserError(Glmm("--ddf", "kenward-roger"), "--ddf", "linear");

    [Fact]
    public void UnknownFamily() =>
        AssertUserError(CliRun.Of("fit", "cbpp", Cbpp, "--family", "gamma"), "gamma", "binomial");

    [Fact]
    public void UnknownLink() => AssertUserError(Glmm("--link", "loglog"), "loglog");

    [Fact]
    public void LinkNotOfTheFamily() =>
        AssertUserError(CliRun.Of("fit", "cbpp", "incidence ~ period + (1 | herd)", "--family", "poisson", "--link", "probit"), "probit", "poisson");

    [Theory]
    [InlineData("x")]
    [InlineData("-1")]
    [InlineData("26")]
    public void BadQuadraturePoints(string value) => AssertUserError(Glmm("--nagq", value), value);

    [Fact]
    public void QuadratureNeedsOneScalarTerm() =>
        AssertUserError(CliRun.Of("fit", "grouseticks", "TICKS ~ YEAR + (1 | BROOD) + (1 | LOCATION)", "--family", "poisson", "--nagq", "5"), "nAGQ");

    [Fact]
    public void BinomialResponseOutsideZeroOne() =>
        AssertUserError(CliRun.Of("fit", "cbpp", "incidence ~ period + (1 | herd)", "--family", "binomial"), "incidence", "between 0 and 1");

    [Fact]
    public void NegativePoissonCounts() =>
        AssertUserError(CliRun.Of("fit", "cbpp", "I(-incidence) ~ period + (1 | herd)", "--family", "poisson"), "negative");

    [Theory]
    [InlineData("profile")]
    [InlineData("boot")]
    public void OnlyWaldIntervalsForGlmms(string method) => AssertUserError(Glmm("--confint", method), method, "wald");

    [Fact]
    public void TypeNeedsPredictionsOrMeans() => AssertUserError(Glmm("--type", "link"), "--type", "--predict", "--emmeans");

    [Fact]
    public void EmmeansOfUnknownVariable() => AssertUserError(Glmm("--emmeans", "perio"), "perio");

    [Fact]
    public void BadTypeValue() => AssertUserError(Glmm("--predict", "cbpp", "--predict-csv", "p.csv", "--type", "probability"), "probability");

    [Theory]
    [InlineData("--link", "logit")]
    [InlineData("--nagq", "1")]
    [InlineData("--type", "link")]
    public void GeneralizedOptionsNeedFamily(string option, string value) =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", option, value), option, "--family");

    [Fact]
    public void UnknownIntervalMethod() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--confint", "bca"), "bca");

    [Theory]
    [InlineData("--nsim", "100")]
    [InlineData("--seed", "3")]
    public void BootstrapOptionsNeedBoot(string option, string value) =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--confint", "wald", option, value), option, "boot");

    [Fact]
    public void BadReplicateCount() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--confint", "boot", "--nsim", "0"), "--nsim");

    [Fact]
    public void CompareWithBadNullFormula() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--compare", "Reaction ~ Dayz + (1 | Subject)"), "Dayz");

    [Fact]
    public void HelpListsTheNewOptions()
    {
        var run = CliRun.Of("fit", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--family binomial|poisson", "--link", "--nagq N", "--type link|response",
                     "--compare FORMULA", "--confint METHOD", "--nsim N", "--seed S" })
            Assert.Contains(option, run.Stdout);
    }
}
