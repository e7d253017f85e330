using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>Help per command, tab completion, and the messages for a value left out or arguments in the wrong order.</summary>
public sealed class MixedCommandLineTests
{
    private const string SleepFormula = "Reaction ~ Days + (Days | Subject)";

    [Fact]
    public void HelpCommandPrintsTheCommandsHelp()
    {
        var help = CliRun.Succeeding("help", "fit");
        Assert.StartsWith("usage: mixed fit DATA FORMULA [options]\n", help.Stdout);
        Assert.Contains("--anova [I|II|III]", help.Stdout);
        Assert.Equal(CliRun.Succeeding("fit", "--help").Stdout, help.Stdout);
        Assert.Equal(CliRun.Succeeding("datasets", "-h").Stdout, CliRun.Succeeding("help", "datasets").Stdout);
        Assert.Equal(CliRun.Succeeding("--help").Stdout, CliRun.Succeeding("help").Stdout);
    }

    [Fact]
    public void HelpOfAnUnknownCommand() => AssertUserError(CliRun.Of("help", "fitt"), "fitt", "commands: fit,", "datasets");

    [Fact]
    public void HelpWinsOverOtherErrors() =>
        Assert.StartsWith("usage: mixed fit", CliRun.Succeeding("fit", "--bogus", "--help").Stdout);

    [Theory]
    [InlineData("--level", "--format", "json")]
    [InlineData("--format", "json", "--level")]
    public void OptionWithoutItsValueNamesWhatItExpects(params string[] options)
    {
        var run = AssertUserError(CliRun.Of(["fit", "sleepstudy", SleepFormula, .. options]), "'--level'", "needs a value", "P", "confidence level");
        Assert.DoesNotContain("json", run.Stderr);
    }

    [Fact]
    public void UnknownOptionBeforeThePositionals() =>
        AssertUserError(CliRun.Of("fit", "--bogus", "sleepstudy", SleepFormula), "unknown option '--bogus'");

    [Fact]
    public void NegativeNumbersAreValues() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--level", "-0.5"), "confidence level '-0.5'");

    [Fact]
    public void SwappedArgumentsAreNamed() =>
        AssertUserError(CliRun.Of("fit", SleepFormula, "sleepstudy"), "swapped", SleepFormula, "'sleepstudy'", "mixed fit DATA FORMULA");

    [Fact]
    public void FormulaWhereTheDataGo() =>
        AssertUserError(CliRun.Of("fit", SleepFormula, "Reaction ~ Days"), "DATA", "is a formula", "mixed fit DATA FORMULA");

    [Theory]
    [InlineData("fit sleepstudy y --format ", "json", "text")]
    [InlineData("fit sleepstudy y --ddf ", "kenward-roger", "none", "satterthwaite")]
    [InlineData("fit cake y --anova ", "I", "II", "III")]
    [InlineData("fit sleep", "sleepstudy")]
    [InlineData("fit sleepstudy y --for", "--format")]
    [InlineData("he", "help")]
    public void TabCompletionOffersValues(string line, params string[] expected)
    {
        var run = CliRun.Succeeding($"[suggest:{line.Length}]", line);
        var offered = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var value in expected) Assert.Contains(value, offered);
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    public void CompletionScriptAsksMixedForSuggestions(string shell)
    {
        var run = CliRun.Succeeding("completion", shell);
        Assert.Contains("complete -o default -F _mixed_complete mixed", run.Stdout);
        Assert.Contains("mixed \"[suggest:", run.Stdout);
    }

    [Fact]
    public void CompletionForAnUnknownShell() => AssertUserError(CliRun.Of("completion", "fish"), "fish", "bash");
}
