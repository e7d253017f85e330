using Xunit;
using System.Globalization;
using System.Text.Json;

namespace MixedEffects.Tests.Cli;

/// <summary>Successful runs: help, version, datasets, JSON report, CSV outputs.</summary>
public sealed class MixedCommandTests
{
    private const string SleepFormula = "Reaction ~ Days + (Days | Subject)";

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void HelpListsCommands(string flag)
    {
        var run = CliRun.Of(flag);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: mixed", run.Stdout);
        Assert.Contains("fit", run.Stdout);
        Assert.Contains("datasets", run.Stdout);
    }

    [Fact]
    public void FitHelpListsOptions()
    {
        var run = CliRun.Of("fit", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--ml", "--reml", "--contrasts", "--weights", "--format", "--ranef-csv", "--coef-csv",
                     "--fitted-csv", "--predict", "--predict-csv", "--no-random", "--ddf", "--anova [I|II|III]", "--emmeans SPECS",
                     "--by", "--contrast", "--adjust", "--level" })
            Assert.Contains(option, run.Stdout);
    }

    [Fact]
    public void VersionPrintsOneLine()
    {
        var run = CliRun.Of("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^mixed \d+\.\d+\.\d+\n$", run.Stdout);
    }

    [Fact]
    public void DatasetsListsBuiltIns()
    {
        var run = CliRun.Of("datasets");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.StdoutLines, l => l.StartsWith("sleepstudy ", StringComparison.Ordinal) && l.Contains("180 rows"));
    }

    [Fact]
    public void JsonHasEveryFieldWithRsNames()
    {
        // reference: tests/reference/lmm.json case sleepstudy_slopes_reml (lme4 1.1-31)
        var golden = GoldenLmm.Case("sleepstudy_slopes_reml");
        var run = CliRun.Of("fit", "sleepstudy", SleepFormula, "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        foreach (var name in new[] { "nobs", "ngroups", "method", "converged", "singular", "warnings", "logLik", "AIC", "BIC",
                     "REMLcrit", "deviance", "sigma", "evaluations", "fixed", "random" })
            Assert.True(root.TryGetProperty(name, out _), $"missing field {name}");
        Assert.Equal(golden.GetProperty("nobs").GetInt32(), root.GetProperty("nobs").GetInt32());
        Assert.Equal(18, root.GetProperty("ngroups").GetProperty("Subject").GetInt32());
        Assert.Equal("REML", root.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("deviance").ValueKind);
        Assert.Equal(golden.GetProperty("REMLcrit").GetDouble(), root.GetProperty("REMLcrit").GetDouble(), 1e-6 * 1743);
        Assert.Equal(golden.GetProperty("logLik").GetDouble(), root.GetProperty("logLik").GetDouble(), 1e-6 * 872);

        var fixedGold = golden.GetProperty("fixed").EnumerateArray().ToArray();
        var fixedOut = root.GetProperty("fixed").EnumerateArray().ToArray();
        Assert.Equal(fixedGold.Length, fixedOut.Length);
        for (int i = 0; i < fixedGold.Length; i++)
        {
            Assert.Equal(fixedGold[i].GetProperty("term").GetString(), fixedOut[i].GetProperty("term").GetString());
            foreach (var field in new[] { "estimate", "se", "statistic" })
                AssertClose(fixedGold[i].GetProperty(field).GetDouble(), fixedOut[i].GetProperty(field).GetDouble(), 1e-4);
        }

        var randomGold = golden.GetProperty("random").EnumerateArray().ToArray();
        var randomOut = root.GetProperty("random").EnumerateArray().ToArray();
        Assert.Equal(randomGold.Length, randomOut.Length);
        for (int i = 0; i < randomGold.Length; i++)
        {
            Assert.Equal(randomGold[i].GetProperty("group").GetString(), randomOut[i].GetProperty("group").GetString());
            Assert.Equal(NullableString(randomGold[i].GetProperty("var1")), NullableString(randomOut[i].GetProperty("term1")));
            Assert.Equal(NullableString(randomGold[i].GetProperty("var2")), NullableString(randomOut[i].GetProperty("term2")));
            AssertClose(randomGold[i].GetProperty("vcov").GetDouble(), randomOut[i].GetProperty("vcov").GetDouble(), 1e-3);
        }
    }

    [Fact]
    public void JsonForMlHasDevianceAndNullRemlCriterion()
    {
        // reference: tests/reference/lmm.json case sleepstudy_slopes_ml
        var golden = GoldenLmm.Case("sleepstudy_slopes_ml");
        var run = CliRun.Of("fit", "sleepstudy", SleepFormula, "--ml", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal("ML", doc.RootElement.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("REMLcrit").ValueKind);
        AssertClose(golden.GetProperty("deviance").GetDouble(), doc.RootElement.GetProperty("deviance").GetDouble(), 1e-6);
    }

    [Fact]
    public void CsvOutputsHaveTheDocumentedColumns()
    {
        using var dir = new TempDirectory();
        string ranef = dir.Combine("ranef.csv"), coef = dir.Combine("coef.csv"), fitted = dir.Combine("fitted.csv"), pred = dir.Combine("pred.csv");
        var run = CliRun.Of("fit", "sleepstudy", SleepFormula, "--ranef-csv", ranef, "--coef-csv", coef, "--fitted-csv", fitted,
            "--predict", "sleepstudy", "--predict-csv", pred, "--no-random");
        Assert.Equal(0, run.ExitCode);

        var ranefLines = CliAssertions.CsvLines(ranef);
        Assert.Equal("group,level,term,value,condsd", ranefLines[0]);
        Assert.Equal(1 + 18 * 2, ranefLines.Length);
        // reference: lmm.json sleepstudy_slopes_reml ranef, Subject 308 (Intercept)
        var golden = GoldenLmm.Case("sleepstudy_slopes_reml");
        var first = ranefLines[1].Split(',');
        Assert.Equal(["Subject", "308", "(Intercept)"], first[..3]);
        double goldValue = golden.GetProperty("ranef")[0].GetProperty("values")[0][0].GetDouble();
        Assert.Equal(goldValue, double.Parse(first[3], CultureInfo.InvariantCulture), 0.01);

        var coefLines = CliAssertions.CsvLines(coef);
        Assert.Equal("group,level,(Intercept),Days", coefLines[0]);
        Assert.Equal(19, coefLines.Length);

        var fittedLines = CliAssertions.CsvLines(fitted);
        Assert.Equal("row,fitted,residual", fittedLines[0]);
        Assert.Equal(181, fittedLines.Length);
        Assert.StartsWith("1,", fittedLines[1]);
        Assert.StartsWith("180,", fittedLines[180]);

        var predLines = CliAssertions.CsvLines(pred);
        Assert.Equal("row,prediction", predLines[0]);
        Assert.Equal(181, predLines.Length);
        // population prediction for Days = 0 is the intercept (reference: lmm.json fixed effects)
        double intercept = golden.GetProperty("fixed")[0].GetProperty("estimate").GetDouble();
        Assert.Equal(intercept, double.Parse(predLines[1].Split(',')[1], CultureInfo.InvariantCulture), 1e-3);
    }

    [Fact]
    public void FittedRowsSkipRowsWithMissingValues()
    {
        using var dir = new TempDirectory();
        var csv = new System.Text.StringBuilder("y,x,g\n");
        var rng = new Random(7);
        for (int i = 0; i < 40; i++)
            csv.Append(i == 2 ? "" : (i % 4 + rng.NextDouble()).ToString("R", CultureInfo.InvariantCulture))
               .Append(',').Append(i % 5).Append(",\"g").Append(i % 6).Append("\"\n");
        string data = dir.File("d.csv", csv.ToString());
        string fitted = dir.Combine("fitted.csv");
        var run = CliRun.Of("fit", data, "y ~ x + (1 | g)", "--fitted-csv", fitted);
        Assert.Equal(0, run.ExitCode);
        var rows = CliAssertions.CsvLines(fitted).Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(39, rows.Length);
        Assert.DoesNotContain(3, rows);
        Assert.Equal(4, rows[2]);
        Assert.Contains(run.StdoutLines, l => l == "1 row with missing values dropped");
    }

    private static string? NullableString(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();

    private static void AssertClose(double expected, double actual, double relTol) =>
        Assert.True(Math.Abs(expected - actual) <= relTol * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
