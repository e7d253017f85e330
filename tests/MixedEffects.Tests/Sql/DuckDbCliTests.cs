using MixedEffects.Sql;
using MixedEffects.Tests.Cli;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary><c>mixed fit</c> through DuckDB: Parquet by default, CSV with <c>--engine duckdb</c>; bad input is one line.</summary>
public sealed class DuckDbCliTests : IClassFixture<SqlTestData>
{
    private readonly SqlTestData _data;

    public DuckDbCliTests(SqlTestData data) => _data = data;

    [Fact]
    public void ParquetSummaryIsTheInMemorySummary()
    {
        string parquet = Parquet("pastes", "SELECT * FROM {0}");
        const string formula = "strength ~ 1 + (1 | batch/cask)";
        var run = CliRun.Succeeding("fit", parquet, formula);
        var expected = CliRun.Succeeding("fit", "pastes", formula);
        Assert.Contains($"   Data: {parquet}", run.Stdout);
        Assert.Equal(After("REML criterion", expected.Stdout), After("REML criterion", run.Stdout));
    }

    [Fact]
    public void CsvWithNullsReportsTheDroppedRows()
    {
        const string formula = "Weight ~ Time + Feed + (1 | Pig)";
        var run = CliRun.Succeeding("fit", _data.Csv("dietox"), formula, "--engine", "duckdb", "--timings");
        var expected = CliRun.Succeeding("fit", "dietox", formula);
        Assert.Equal(After("REML criterion", expected.Stdout), After("REML criterion", run.Stdout));
        Assert.Contains("aggregation: ", run.Stderr);
    }

    [Fact]
    public void SatterthwaiteAndLikelihoodRatioTestAreTheInMemoryOnes()
    {
        string csv = _data.Csv("sleepstudy");
        string[] arguments = ["fit", csv, "Reaction ~ Days + (Days | Subject)", "--compare", "Reaction ~ 1 + (Days | Subject)"];
        var run = CliRun.Succeeding([.. arguments, "--engine", "duckdb"]);
        var expected = CliRun.Succeeding([.. arguments, "--engine", "memory"]);
        Assert.Contains("t-tests use Satterthwaite's method", run.Stdout);
        Assert.Contains("refitting model(s) with ML", run.Stdout);
        Assert.Equal(After("REML criterion", expected.Stdout), After("REML criterion", run.Stdout));
    }

    [Theory]
    [InlineData("I")]
    [InlineData("II")]
    [InlineData("III")]
    public void AnovaIsTheInMemoryAnova(string type)
    {
        string csv = _data.Csv("cake");
        string[] arguments = ["fit", csv, "angle ~ recipe * temp + (1 | replicate:recipe)", "--anova", type, "--ddf", "kenward-roger"];
        var run = CliRun.Succeeding([.. arguments, "--engine", "duckdb"]);
        var expected = CliRun.Succeeding([.. arguments, "--engine", "memory"]);
        Assert.Contains($"Type {type} Analysis of Variance Table with Kenward-Roger", run.Stdout);
        Assert.Equal(After("Analysis of Variance", expected.Stdout), After("Analysis of Variance", run.Stdout));
    }

    [Fact]
    public void MarginalMeansAndJointTestsAreTheInMemoryOnes()
    {
        string csv = _data.Csv("dietox");
        string[] arguments = ["fit", csv, "Weight ~ Time * Evit + Cu + (1 | Pig)", "--emmeans", "Evit | Cu", "--contrast", "pairwise",
            "--adjust", "holm", "--joint-tests"];
        var run = CliRun.Succeeding([.. arguments, "--engine", "duckdb"]);
        var expected = CliRun.Succeeding([.. arguments, "--engine", "memory"]);
        Assert.Contains("$joint_tests", run.Stdout);
        Assert.Contains("P value adjustment: holm method", run.Stdout);
        Assert.Equal(After("$joint_tests", expected.Stdout), After("$joint_tests", run.Stdout));
    }

    [Fact]
    public void WaldIntervalsAreTheInMemoryOnes()
    {
        string csv = _data.Csv("sleepstudy");
        string[] arguments = ["fit", csv, "Reaction ~ Days + (Days | Subject)", "--confint", "wald", "--ci", "wald", "--ddf", "satterthwaite"];
        var run = CliRun.Succeeding([.. arguments, "--engine", "duckdb"]);
        var expected = CliRun.Succeeding([.. arguments, "--engine", "memory"]);
        Assert.Contains("Coefficients with wald confidence limits (Satterthwaite df)", run.Stdout);
        Assert.Equal(After("Coefficients with", expected.Stdout), After("Coefficients with", run.Stdout));
    }

    [Fact]
    public void ProfileIntervalsAreRefusedInOneLine()
    {
        var run = CliRun.Of("fit", _data.Csv("sleepstudy"), "Reaction ~ Days + (Days | Subject)", "--engine", "duckdb", "--confint", "profile");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mixed: error: '--confint profile' is not available for a SQL fit yet (use '--confint wald', or '--engine memory' on data that fit in memory)",
            run.Stderr.TrimEnd());
    }

    [Fact]
    public void TrendsAreRefusedInOneLine()
    {
        var run = CliRun.Of("fit", _data.Csv("dietox"), "Weight ~ Time * Evit + (1 | Pig)", "--engine", "duckdb", "--emmeans", "Evit", "--trend", "Time");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mixed: error: option '--trend' is not available for a SQL fit yet (use '--engine memory' on data that fit in memory)",
            run.Stderr.TrimEnd());
    }

    [Fact]
    public void JsonReportIsTheInMemoryReport()
    {
        string csv = _data.Csv("sleepstudy");
        string[] arguments = ["fit", csv, "Reaction ~ Days + (Days | Subject)", "--format", "json", "--compare", "Reaction ~ 1 + (Days | Subject)"];
        var run = CliRun.Succeeding([.. arguments, "--engine", "duckdb"]);
        var expected = CliRun.Succeeding([.. arguments, "--engine", "memory"]);
        SqlJsonComparison.AssertSame(expected.Stdout, run.Stdout, SqlFitComparison.Tolerance);
    }

    [Fact]
    public void KenwardRogerSummaryIsTheInMemorySummary()
    {
        string csv = _data.Csv("cake");
        string[] arguments = ["fit", csv, "angle ~ recipe * temp + (1 | replicate:recipe)", "--ddf", "kenward-roger"];
        var run = CliRun.Succeeding([.. arguments, "--engine", "duckdb"]);
        var expected = CliRun.Succeeding([.. arguments, "--engine", "memory"]);
        Assert.Contains("t-tests use Kenward-Roger's method", run.Stdout);
        Assert.Equal(After("REML criterion", expected.Stdout), After("REML criterion", run.Stdout));
    }

    [Fact]
    public void UnknownColumn() =>
        CliAssertions.AssertUserError(CliRun.Of("fit", _data.Csv("sleepstudy"), "Reaction ~ Dayz + (1 | Subject)", "--engine", "duckdb"), "'Dayz'");

    [Fact]
    public void TextColumnAsCovariate() =>
        CliAssertions.AssertUserError(CliRun.Of("fit", _data.Csv("penicillin"), "diameter ~ I(plate * 2) + (1 | sample)", "--engine", "duckdb"),
            "column 'plate' is text");

    [Fact]
    public void TextResponse() =>
        CliAssertions.AssertUserError(CliRun.Of("fit", _data.Csv("penicillin"), "plate ~ 1 + (1 | sample)", "--engine", "duckdb"),
            "column 'plate' is text");

    [Fact]
    public void FileWithoutRows() =>
        CliAssertions.AssertUserError(CliRun.Of("fit", Parquet("penicillin", "SELECT * FROM {0} WHERE diameter > 1000", "empty"),
            "diameter ~ 1 + (1 | sample)"), "no rows");

    [Fact]
    public void MissingParquetFile() =>
        CliAssertions.AssertUserError(CliRun.Of("fit", Path.Combine(_data.Folder, "none.parquet"), "y ~ 1 + (1 | g)"), "file not found");

    [Fact]
    public void SectionsThatNeedRowsAreRefused() =>
        CliAssertions.AssertUserError(CliRun.Of("fit", _data.Csv("sleepstudy"), "Reaction ~ Days + (1 | Subject)", "--engine", "duckdb",
            "--fitted-csv", Path.Combine(_data.Folder, "f.csv")), "--fitted-csv");

    private string Parquet(string dataset, string select, string suffix = "")
    {
        string path = Path.Combine(_data.Folder, $"{dataset}{suffix}.parquet");
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY ({string.Format(System.Globalization.CultureInfo.InvariantCulture, select, new DuckDbSource(_data.Csv(dataset)).Relation)}) TO '{path}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        return path;
    }

    private static string After(string marker, string text) => text[text.IndexOf(marker, StringComparison.Ordinal)..];
}
