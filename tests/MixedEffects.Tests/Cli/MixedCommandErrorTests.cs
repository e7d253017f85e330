using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;

namespace MixedEffects.Tests.Cli;

/// <summary>Bad input gives exit code 2 and exactly one line "mixed: error: ..." on standard error.</summary>
public sealed class MixedCommandErrorTests
{
    private const string SleepFormula = "Reaction ~ Days + (Days | Subject)";

    [Fact]
    public void MissingFile() =>
        AssertUserError(CliRun.Of("fit", "/no/such/dir/data.csv", "y ~ x + (1 | g)"), "/no/such/dir/data.csv");

    [Fact]
    public void UnknownColumn() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Foo + (1 | Subject)"), "Foo");

    [Fact]
    public void NonNumericResponse() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Subject ~ Days + (1 | Subject)"), "Subject");

    [Fact]
    public void GroupingFactorWithOneLevel()
    {
        using var dir = new TempDirectory();
        string path = dir.File("one.csv", "y,x,g\n1,1,\"a\"\n2,2,\"a\"\n4,3,\"a\"\n3,4,\"a\"\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ x + (1 | g)"), "'g'");
    }

    [Fact]
    public void AsManyLevelsAsObservations()
    {
        using var dir = new TempDirectory();
        string path = dir.File("many.csv", "y,x,g\n1,1,\"a\"\n2,2,\"b\"\n4,3,\"c\"\n3,4,\"d\"\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ x + (1 | g)"), "'g'");
    }

    [Fact]
    public void FormulaSyntaxErrorNamesThePosition() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", "Reaction ~ Days + (1 | Subject"), "position");

    [Fact]
    public void EmptyFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("empty.csv", "");
        AssertUserError(CliRun.Of("fit", path, "y ~ 1 + (1 | g)"), "empty.csv");
    }

    [Fact]
    public void AllRowsMissing()
    {
        using var dir = new TempDirectory();
        string path = dir.File("allna.csv", "y,x,g\n,1,\"a\"\nNA,2,\"b\"\n,3,\"c\"\n");
        AssertUserError(CliRun.Of("fit", path, "y ~ x + (1 | g)"), "missing");
    }

    [Fact]
    public void UnknownOption() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--bogus"), "--bogus");

    [Fact]
    public void UnknownTopLevelOption() => AssertUserError(CliRun.Of("--bogus"), "--bogus");

    [Fact]
    public void UnknownCommand() => AssertUserError(CliRun.Of("frobnicate"), "frobnicate");

    [Fact]
    public void NoCommand() => AssertUserError(CliRun.Of());

    [Fact]
    public void MissingFormula() => AssertUserError(CliRun.Of("fit", "sleepstudy"), "FORMULA");

    [Fact]
    public void OptionWithoutValue() => AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--format"), "--format");

    [Fact]
    public void BadFormatValue() => AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--format", "xml"), "xml");

    [Fact]
    public void BadContrastsValue() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--contrasts", "poly"), "poly");

    [Fact]
    public void MlAndRemlTogether() => AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--ml", "--reml"), "--ml");

    [Fact]
    public void PredictWithoutOutputFile() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--predict", "sleepstudy"), "--predict-csv");

    [Fact]
    public void UnknownWeightsColumn() =>
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--weights", "w"), "w");

    [Fact]
    public void UnwritableOutputFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "no-such-subdir", "fitted.csv");
        AssertUserError(CliRun.Of("fit", "sleepstudy", SleepFormula, "--fitted-csv", path), path);
    }
}
