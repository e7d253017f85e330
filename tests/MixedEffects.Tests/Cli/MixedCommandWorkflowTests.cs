using System.Globalization;
using System.Text.Json;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// The workflow options of the CLI (subset, reference levels, per-factor contrasts, repeated --compare, --at,
/// --trend, lm, lmlist, datasets --csv) against lme4 1.1-31 / emmeans 1.8.4-1 (tests/reference/workflow.json and
/// inference.json), and their errors.
/// </summary>
public class MixedCommandWorkflowTests
{
    private static JsonElement Case(string id) => GoldenFile.Case("workflow", id);

    private static double[] Numbers(JsonElement e) => e.EnumerateArray().Select(v => v.Number()).ToArray();

    private static void AssertFixed(JsonElement golden, JsonElement output)
    {
        var fixedPart = golden.GetProperty("fixed");
        var rows = output.GetProperty("fixed").EnumerateArray().ToArray();
        Assert.Equal(fixedPart.GetProperty("names").EnumerateArray().Select(n => n.GetString()), rows.Select(r => r.GetProperty("term").GetString()));
        Tolerance.AllClose(Numbers(fixedPart.GetProperty("estimate")), rows.Select(r => r.GetProperty("estimate").GetDouble()).ToArray(), 1e-4, what: "estimate");
        Tolerance.AllClose(Numbers(fixedPart.GetProperty("se")), rows.Select(r => r.GetProperty("se").GetDouble()).ToArray(), 1e-4, what: "se");
    }

    [Fact]
    public void SubsetAndReferenceLevelsReproduceTheReleveledFitWithEmmeansDefaultDf()
    {
        var golden = Case("fhch2010_relevel_data");
        var output = CliRun.Json("fit", "fhch2010", golden.GetProperty("formula").GetString()!,
            "--subset", "correct == TRUE", "--ref", "task=naming,stimulus=word", "--emmeans", "task * stimulus", "--contrast", "none");
        AssertFixed(golden, output);
        var emmeans = output.GetProperty("emmeans");
        Assert.Equal("asymptotic", emmeans.GetProperty("df_method").GetString());
        var expected = golden.GetProperty("emmeans")[0];
        var grid = emmeans.GetProperty("grid").EnumerateArray().ToArray();
        Tolerance.AllClose(Numbers(expected.GetProperty("estimate")), grid.Select(r => r.GetProperty("emmean").GetDouble()).ToArray(), 1e-4, what: "emmean");
        Tolerance.AllClose(Numbers(expected.GetProperty("se")), grid.Select(r => r.GetProperty("se").GetDouble()).ToArray(), 1e-3, what: "SE");
    }

    [Fact]
    public void PerFactorContrastsCodeEachFactor()
    {
        var golden = Case("dietox_base_helmert");
        AssertFixed(golden, CliRun.Json("fit", "dietox", golden.GetProperty("formula").GetString()!, "--contrasts", "Cu=treatment(2),Evit=helmert"));
    }

    [Fact]
    public void RepeatedCompareGivesLme4MultiModelTable()
    {
        var golden = GoldenFile.Load("workflow").GetProperty("multi_anova");
        var output = CliRun.Json("fit", "sleepstudy", "Reaction ~ Days + (Days | Subject)",
            "--compare", "Reaction ~ 1 + (1 | Subject)", "--compare", "Reaction ~ Days + (1 | Subject)");
        var rows = output.GetProperty("compare").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(Numbers(golden.GetProperty("npar")), rows.Select(r => (double)r.GetProperty("npar").GetInt32()).ToArray());
        Tolerance.AllClose(Numbers(golden.GetProperty("logLik")), rows.Select(r => r.GetProperty("logLik").GetDouble()).ToArray(), 1e-6, what: "logLik");
        Tolerance.Close(golden.GetProperty("Chisq")[2].GetDouble(), rows[2].GetProperty("Chisq").GetDouble(), 1e-4, what: "Chisq");
        Tolerance.Close(Math.Log(golden.GetProperty("p")[1].GetDouble()), Math.Log(rows[1].GetProperty("p").GetDouble()), 1e-3, what: "log p");
    }

    [Fact]
    public void AtAndTrendGiveEmmeansOnPolyModel()
    {
        var golden = Case("sleepstudy_poly");
        string formula = golden.GetProperty("formula").GetString()!;
        var means = CliRun.Json("fit", "sleepstudy", formula, "--emmeans", "Days", "--at", "Days=0,4.5,9", "--contrast", "none").GetProperty("emmeans");
        Assert.Equal("kenward-roger", means.GetProperty("df_method").GetString());
        var expected = golden.GetProperty("emmeans")[0];
        var grid = means.GetProperty("grid").EnumerateArray().ToArray();
        Tolerance.AllClose(Numbers(expected.GetProperty("estimate")), grid.Select(r => r.GetProperty("emmean").GetDouble()).ToArray(), 1e-4, what: "emmean");
        Tolerance.AllClose(Numbers(expected.GetProperty("df")), grid.Select(r => r.GetProperty("df").GetDouble()).ToArray(), 1e-3, what: "df");
        var trend = CliRun.Json("fit", "sleepstudy", formula, "--emmeans", "1", "--trend", "Days", "--contrast", "none").GetProperty("emmeans");
        var slope = golden.GetProperty("emmeans")[1];
        Tolerance.Close(slope.GetProperty("estimate").GetDouble(), trend.GetProperty("grid")[0].GetProperty("emmean").GetDouble(), 1e-4, what: "trend");
        Tolerance.Close(slope.GetProperty("se").GetDouble(), trend.GetProperty("grid")[0].GetProperty("se").GetDouble(), 1e-3, what: "trend SE");
    }

    [Fact]
    public void CustomContrastIsTheWeightedSumOfTheMeans()
    {
        var golden = Case("sleepstudy_poly").GetProperty("emmeans")[0];
        var output = CliRun.Json("fit", "sleepstudy", "Reaction ~ poly(Days, 2) + (Days | Subject)", "--emmeans", "Days",
            "--at", "Days=0,4.5,9", "--contrast", "custom:lin=-1,0,1");
        var estimate = Numbers(golden.GetProperty("estimate"));
        var contrast = output.GetProperty("emmeans").GetProperty("contrasts")[0];
        Tolerance.Close(estimate[2] - estimate[0], contrast.GetProperty("estimate").GetDouble(), 1e-4, what: "custom contrast");
    }

    [Fact]
    public void LmAndLmListReproduceRAndLme4()
    {
        var ols = GoldenFile.Load("inference").GetProperty("ols").EnumerateArray().First(c => c.GetProperty("dataset").GetString() == "sleepstudy");
        var lm = CliRun.Succeeding("lm", "sleepstudy", ols.GetProperty("formula").GetString()!);
        string sigma = Math.Round(ols.GetProperty("sigma").GetDouble(), 2).ToString("0.00", CultureInfo.InvariantCulture);
        Assert.Contains($"Residual standard error: {sigma} on {ols.GetProperty("df_resid").GetInt32()} degrees of freedom", lm.Stdout);

        var lmlist = GoldenFile.Load("inference").GetProperty("lmlist");
        using var dir = new TempDirectory();
        string path = dir.Combine("coef.csv");
        CliRun.Succeeding("lmlist", "sleepstudy", "Reaction ~ Days", "--by", "Subject", "--coef-csv", path);
        var lines = CliAssertions.CsvLines(path);
        Assert.Equal("Subject,(Intercept),Days", lines[0]);
        var levels = lmlist.GetProperty("levels").EnumerateArray().Select(l => l.GetString()).ToArray();
        var values = lmlist.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(levels.Length, lines.Length - 1);
        for (int g = 0; g < levels.Length; g++)
        {
            var cells = lines[g + 1].Split(',');
            Assert.Equal(levels[g], cells[0]);
            Tolerance.Close(values[g][1].GetDouble(), double.Parse(cells[2], CultureInfo.InvariantCulture), 1e-8, what: $"slope {levels[g]}");
        }
    }

    [Fact]
    public void DatasetCsvRoundTripsIntoTheSameFit()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("sleep.csv");
        CliRun.Succeeding("datasets", "sleepstudy", "--csv", path);
        var fromFile = CliRun.Json("fit", path, "Reaction ~ Days + (Days | Subject)");
        var builtIn = CliRun.Json("fit", "sleepstudy", "Reaction ~ Days + (Days | Subject)");
        Assert.Equal(builtIn.GetProperty("REMLcrit").GetDouble(), fromFile.GetProperty("REMLcrit").GetDouble(), 1e-9);
    }

    [Fact]
    public void AugmentedDataAndResultTablesAsCsv()
    {
        using var dir = new TempDirectory();
        string augment = dir.Combine("aug.csv"), compare = dir.Combine("cmp.csv"), means = dir.Combine("em.csv");
        var run = CliRun.Succeeding("fit", "sleepstudy", "Reaction ~ Days + (Days | Subject)", "--augment-csv", augment,
            "--compare", "Reaction ~ 1 + (1 | Subject)", "--compare", "Reaction ~ Days + (1 | Subject)", "--compare-csv", compare,
            "--emmeans", "1", "--emmeans-csv", means, "--ci");
        var lines = CliAssertions.CsvLines(augment);
        Assert.Equal("Reaction,Days,Subject,fitted,residual,Subject.(Intercept),Subject.Days", lines[0]);
        Assert.Equal(181, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',').Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(cells[0], cells[3] + cells[4], 1e-9);   // response = fitted + residual
        }
        var golden = GoldenFile.Load("workflow").GetProperty("multi_anova");
        var rows = CliAssertions.CsvLines(compare).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(3, rows.Length);
        Tolerance.Close(golden.GetProperty("Chisq")[2].GetDouble(), double.Parse(rows[2][7], CultureInfo.InvariantCulture), 1e-4, what: "Chisq");
        Assert.StartsWith("1,emmean,SE,df,lower,upper", string.Join("\n", CliAssertions.CsvLines(means)));
        Assert.Contains("Coefficients with wald confidence limits (Satterthwaite df):", run.Stdout);
    }

    [Fact]
    public void RanovaAndJointTestsArePrinted()
    {
        var run = CliRun.Succeeding("fit", "cake", "angle ~ recipe * temperature + (1 | recipe:replicate)", "--ranova", "--joint-tests");
        Assert.Contains("ANOVA-like table for random-effects: Single term deletions", run.Stdout);
        Assert.Contains("$joint_tests", run.Stdout);
        Assert.Contains(" recipe:temperature ", run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--ref", "Subject=999" }, "'999' is not a level of 'Subject'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--ref", "Nope=1" }, "'--ref' names 'Nope', which is not a column")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--ref", "Subject" }, "sets the control of '--contrast trt.vs.ctrl'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--subset", "Days >" }, "subset condition 'Days >' at position 7")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--subset", "Days > 100" }, "no rows satisfy the subset condition")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--contrasts", "Subject=bogus" }, "unknown contrasts 'bogus'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--at", "Days=1" }, "option '--at' needs '--emmeans SPECS'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--emmeans", "1", "--at", "Days=x" }, "option '--at' needs X=V1,V2 with numbers")]
    [InlineData(new[] { "fit", "cake", "angle ~ recipe + (1 | replicate)", "--emmeans", "recipe", "--contrast", "custom:a=1,-1" }, "custom contrast 'a' has 2 coefficients but there are 3 means")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--coefs-csv", "c.csv" }, "option '--coefs-csv' needs '--ci'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--ci", "boot", "--variance", "varExp(~ Days)" }, "'--ci boot' is not available with '--variance'")]
    [InlineData(new[] { "fit", "cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "--compare", "cbind(incidence, size - incidence) ~ 1 + (1 | herd)", "--compare", "cbind(incidence, size - incidence) ~ 1 + (1 | herd)" }, "repeated '--compare' is available for linear mixed models only")]
    [InlineData(new[] { "lmlist", "sleepstudy", "Reaction ~ Days" }, "needs '--by G'")]
    [InlineData(new[] { "lm", "sleepstudy" }, "missing argument FORMULA")]
    [InlineData(new[] { "datasets", "nosuch", "--csv", "-" }, "unknown dataset 'nosuch'")]
    [InlineData(new[] { "datasets", "sleepstudy" }, "needs '--csv FILE'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--contrasts", "nonsense" }, "unknown contrasts 'nonsense'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ relevel(Subject, \"x\") + (1 | Days)" }, "'x' is not a level of 'Subject'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--anova-csv", "a.csv" }, "option '--anova-csv' needs '--anova'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--emmeans-csv", "a.csv" }, "option '--emmeans-csv' needs '--emmeans SPECS'")]
    [InlineData(new[] { "fit", "sleepstudy", "Reaction ~ Days + (1 | Subject)", "--compare-csv", "a.csv" }, "option '--compare-csv' needs '--compare FORMULA'")]
    [InlineData(new[] { "fit", "cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "--ci" }, "option '--ci' applies to linear mixed models only")]
    public void WorkflowErrorsAreOneLine(string[] args, string fragment) =>
        CliAssertions.AssertUserError(CliRun.Of(args), fragment);
}
