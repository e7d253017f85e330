using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>Bad values of --ddf, --anova, --emmeans, --by, --contrast, --adjust and --level: exit code 2 and one line.</summary>
public sealed class MixedCommandInferenceErrorTests
{
    private const string Cake = "angle ~ recipe * temperature + (1 | recipe:replicate)";

    private static CliRun Fit(params string[] options) => CliRun.Of(["fit", "cake", Cake, .. options]);

    [Fact]
    public void UnknownDdf() => AssertUserError(Fit("--ddf", "bogus"), "bogus", "satterthwaite");

    [Fact]
    public void KenwardRogerNeedsReml() => AssertUserError(Fit("--ml", "--ddf", "kenward-roger"), "kenward-roger", "REML");

    [Fact]
    public void UnknownAnovaType() => AssertUserError(Fit("--anova", "IV"), "IV");

    [Fact]
    public void UnknownAnovaTypeInline() => AssertUserError(Fit("--anova=4"), "'4'");

    [Fact]
    public void EmmeansOfUnknownFactor() => AssertUserError(Fit("--emmeans", "recipe * temperatur"), "temperatur");

    [Fact]
    public void EmmeansByUnknownFactor() => AssertUserError(Fit("--emmeans", "recipe", "--by", "oven"), "oven");

    [Fact]
    public void EmptyEmmeansSpecs() => AssertUserError(Fit("--emmeans", " "), "--emmeans");

    [Fact]
    public void EmmeansWithoutValue() => AssertUserError(Fit("--emmeans"), "--emmeans");

    [Fact]
    public void UnknownContrastFamily() => AssertUserError(Fit("--emmeans", "recipe", "--contrast", "allpairs"), "allpairs");

    [Fact]
    public void UnknownAdjustment() => AssertUserError(Fit("--emmeans", "recipe", "--adjust", "tukeyhsd"), "tukeyhsd");

    [Theory]
    [InlineData("--by", "recipe")]
    [InlineData("--contrast", "pairwise")]
    [InlineData("--adjust", "holm")]
    public void EmmeansOptionsNeedEmmeans(string option, string value) => AssertUserError(Fit(option, value), option, "--emmeans");

    [Fact]
    public void AdjustWithoutContrasts() =>
        AssertUserError(Fit("--emmeans", "recipe", "--contrast", "none", "--adjust", "holm"), "--adjust");

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("-0.9")]
    public void LevelOutOfRange(string level) => AssertUserError(Fit("--level", level), level);
}
