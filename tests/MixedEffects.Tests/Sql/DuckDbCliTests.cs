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
