using System.Globalization;
using System.Text.Json;
using MixedEffects.Cli;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// The workflow outputs of the CLI against R: joint tests on poly() and scale() models and the coefficient table
/// with confidence limits (tests/reference/workflow2.json: emmeans 1.8.4-1 joint_tests, lmerTest + lme4 confint),
/// ranova, lm and lmlist in JSON (inference.json), CSV quoting as R's write.csv, and the progress line.
/// </summary>
public class MixedCommandWorkflowOutputTests
{
    private static JsonElement Golden(string section, string id) =>
        GoldenFile.Load("workflow2").GetProperty(section).EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static string Dataset(string id) => id.Split('_')[0];

    private static double[] Numbers(JsonElement e) => e.EnumerateArray().Select(v => v.Number()).ToArray();

    /// <summary>emmeans prints F to 3 decimals and df2 to 2 in this table (p from the unrounded values).</summary>
    [Theory]
    [InlineData("sleepstudy_poly2")]
    [InlineData("sleepstudy_scale")]
    [InlineData("dietox_poly_evit")]
    [InlineData("dietox_scale_cu")]
    public void JointTestsOnPolyAndScaleMatchEmmeans(string id)
    {
        var golden = Golden("joint_tests", id);
        var rows = CliRun.Json("fit", Dataset(id), golden.GetProperty("formula").GetString()!, "--joint-tests").GetProperty("joint_tests").EnumerateArray().ToArray();
        var expected = golden.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("term").GetString()), rows.Select(r => r.GetProperty("term").GetString()));
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var r = rows[i];
            string term = e.GetProperty("term").GetString()!;
            Assert.Equal(e.GetProperty("df1").GetInt32(), r.GetProperty("df1").GetInt32());
            Assert.True(Math.Abs(e.GetProperty("df2").Number() - r.GetProperty("df2").GetDouble()) <= 5e-3, $"{term} df2");
            double f = e.GetProperty("F").Number();
            Assert.True(Math.Abs(f - r.GetProperty("F").GetDouble()) <= 5e-4 + 1e-6 * f, $"{term} F {r.GetProperty("F").GetDouble():R} vs {f:R}");
            double p = e.GetProperty("p").Number(), ours = r.GetProperty("p").GetDouble();
            if (p > 1e-300) Assert.True(Math.Abs(Math.Log(ours) - Math.Log(p)) <= 1e-3 * Math.Max(1, Math.Abs(Math.Log(p))), $"{term} p {ours:R} vs {p:R}");
            else Assert.True(ours < 1e-290, $"{term} p {ours:R}");
        }
    }

    [Theory]
    [InlineData("sleepstudy_wald", "wald", 1e-6)]
    [InlineData("sleepstudy_profile", "profile", 1e-4)]
    [InlineData("fhch2010_wald", "wald", 1e-4)]
    public void CoefficientTableWithLimitsMatchesLmerTestAndConfint(string id, string method, double limitTolerance)
    {
        var golden = Golden("coefs", id);
        using var dir = new TempDirectory();
        string csv = dir.Combine("coefs.csv");
        var json = CliRun.Json("fit", Dataset(id), golden.GetProperty("formula").GetString()!, "--ci", method, "--coefs-csv", csv);
        Assert.Equal(method, json.GetProperty("coefs_method").GetString());
        var rows = json.GetProperty("coefs").EnumerateArray().ToArray();
        Assert.Equal(golden.GetProperty("term").EnumerateArray().Select(t => t.GetString()), rows.Select(r => r.GetProperty("term").GetString()));
        double Col(JsonElement r, string name) => r.GetProperty(name).GetDouble();
        var scale = Numbers(golden.GetProperty("se"));
        for (int i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            Tolerance.Close(Numbers(golden.GetProperty("estimate"))[i], Col(r, "Estimate"), 1e-5, floor: 1e-4 * scale[i], what: "Estimate");
            Tolerance.Close(Numbers(golden.GetProperty("lower"))[i], Col(r, "lower"), limitTolerance, floor: 1e-3 * scale[i], what: "2.5_ci");
            Tolerance.Close(Numbers(golden.GetProperty("upper"))[i], Col(r, "upper"), limitTolerance, floor: 1e-3 * scale[i], what: "97.5_ci");
            Tolerance.Close(scale[i], Col(r, "SE"), 1e-4, what: "SE");
            Tolerance.Close(Numbers(golden.GetProperty("df"))[i], Col(r, "DF"), 1e-3, what: "DF");
            Tolerance.Close(Numbers(golden.GetProperty("t"))[i], Col(r, "T-stat"), 1e-4, what: "T-stat");
            double p = Numbers(golden.GetProperty("p"))[i];
            Assert.True(Math.Abs(Math.Log(Col(r, "P-val")) - Math.Log(p)) <= 1e-3 * Math.Max(1, Math.Abs(Math.Log(p))), $"P-val {Col(r, "P-val"):R} vs {p:R}");
            Assert.Equal(p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : "", r.GetProperty("Sig").GetString());
        }
        var lines = File.ReadAllLines(csv);
        Assert.Equal("\"term\",\"Estimate\",\"2.5_ci\",\"97.5_ci\",\"SE\",\"DF\",\"T-stat\",\"P-val\",\"Sig\"", lines[0]);
        Assert.Equal(rows.Length + 1, lines.Length);
        Assert.StartsWith("\"(Intercept)\",", lines[1]);
        var text = CliRun.Succeeding("fit", Dataset(id), golden.GetProperty("formula").GetString()!, "--ci", method, "--level", "0.9").Stdout;
        Assert.Contains($"Coefficients with {method} confidence limits (Satterthwaite df):", text);
        var header = text.Split('\n').First(l => l.Contains("Estimate", StringComparison.Ordinal) && l.Contains("_ci", StringComparison.Ordinal));
        Assert.Equal(["Estimate", "5_ci", "95_ci"], header.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));   // wide tables continue below, as R prints them
    }

    [Fact]
    public void RanovaAndLeastSquaresInJson()
    {
        var inference = GoldenFile.Load("inference");
        var model = inference.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == "sleepstudy_slopes");
        var expected = model.GetProperty("ranova").EnumerateArray().ToArray();
        var rows = CliRun.Json("fit", "sleepstudy", "Reaction ~ Days + (Days | Subject)", "--ranova").GetProperty("ranova").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("term").GetString()), rows.Select(r => r.GetProperty("term").GetString()));
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("LRT").ValueKind);
        Tolerance.Close(expected[1].GetProperty("LRT").Number(), rows[1].GetProperty("LRT").GetDouble(), 1e-4, what: "LRT");
        Assert.Equal(expected[1].GetProperty("Df").GetInt32(), rows[1].GetProperty("Df").GetInt32());

        var ols = inference.GetProperty("ols").EnumerateArray().First(c => c.GetProperty("dataset").GetString() == "sleepstudy");
        var lm = JsonDocument.Parse(CliRun.Succeeding("lm", "sleepstudy", ols.GetProperty("formula").GetString()!, "--format", "json").Stdout).RootElement;
        Tolerance.Close(ols.GetProperty("sigma").Number(), lm.GetProperty("sigma").GetDouble(), 1e-10, what: "sigma");
        var coefs = ols.GetProperty("coefficients").EnumerateArray().ToArray();
        var ours = lm.GetProperty("coefficients").EnumerateArray().ToArray();
        for (int j = 0; j < coefs.Length; j++)
            Tolerance.Close(coefs[j].GetProperty("estimate").Number(), ours[j].GetProperty("estimate").GetDouble(), 1e-9, what: "lm estimate");

        var lmlist = inference.GetProperty("lmlist");
        var groups = JsonDocument.Parse(CliRun.Succeeding("lmlist", "sleepstudy", "Reaction ~ Days", "--by", "Subject", "--format", "json").Stdout)
            .RootElement.GetProperty("groups").EnumerateArray().ToArray();
        var levels = lmlist.GetProperty("levels").EnumerateArray().Select(l => l.GetString()).ToArray();
        Assert.Equal(levels, groups.Select(g => g.GetProperty("level").GetString()));
        var values = lmlist.GetProperty("values").EnumerateArray().ToArray();
        for (int g = 0; g < levels.Length; g++)
            Tolerance.Close(values[g][1].GetDouble(), groups[g].GetProperty("coefficients")[1].GetDouble(), 1e-8, what: $"slope {levels[g]}");
    }

    [Fact]
    public void CsvTextIsQuotedAsRWriteCsv()
    {
        using var dir = new TempDirectory();
        // a level holding a quote and a comma, and numeric-looking levels: both must read back as text
        var data = dir.File("q.csv", "y,x,g\n" + string.Join("\n", Enumerable.Range(0, 12).Select(i =>
            $"{(i * 1.7 + (i % 3) * 0.9).ToString(CultureInfo.InvariantCulture)},{i % 4},\"{(i < 6 ? "a\"\"b, c" : "308")}\"")) + "\n");
        string coef = dir.Combine("coef.csv");
        CliRun.Succeeding("lmlist", data, "y ~ x", "--by", "g", "--coef-csv", coef);
        var lines = File.ReadAllLines(coef);
        Assert.Equal("\"g\",\"(Intercept)\",\"x\"", lines[0]);
        Assert.StartsWith("\"308\",", lines[1]);
        Assert.StartsWith("\"a\"\"b, c\",", lines[2]);
        Assert.Matches("^\"308\",-?[0-9.e-]+,-?[0-9.e-]+$", lines[1]);
        var back = CsvReader.ReadFile(coef);
        Assert.IsType<TextColumn>(back["g"]);
        Assert.Equal("a\"b, c", back["g"].FormatValue(1));

        string sleep = dir.Combine("sleep.csv");
        CliRun.Succeeding("datasets", "sleepstudy", "--csv", sleep);
        Assert.Equal("\"Reaction\",\"Days\",\"Subject\"", File.ReadLines(sleep).First());
        Assert.Matches("^[0-9.]+,0,\"308\"$", File.ReadLines(sleep).Skip(1).First());
    }

    [Fact]
    public void IdentifiabilityWarningReachesTheReport()
    {
        var json = CliRun.Json("fit", "sitka", "size ~ Time + treat + (Time | tree)");
        Assert.Contains("Model is nearly unidentifiable: very large eigenvalue\n - Rescale variables?",
            json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var text = CliRun.Succeeding("fit", "sitka", "size ~ Time + treat + (Time | tree)").Stdout;
        Assert.Contains("Model is nearly unidentifiable: very large eigenvalue\n - Rescale variables?\n", text);
        Assert.Empty(CliRun.Json("fit", "sitka", "size ~ I(Time/100) + treat + (I(Time/100) | tree)").GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void ProgressLineWaitsASecondThrottlesAndClears()
    {
        var terminal = new StringWriter();
        var now = TimeSpan.Zero;
        var line = new FitProgressLine("REML criterion", terminal, () => now);
        line.Report(new FitProgress(10, 1800.5));
        Assert.Equal("", terminal.ToString());
        now = TimeSpan.FromSeconds(1.1);
        line.Report(new FitProgress(200, 1743.62834));
        Assert.Equal("\rfitting: 200 evaluations, REML criterion 1743.6283", terminal.ToString());
        now += TimeSpan.FromMilliseconds(100);
        line.Report(new FitProgress(210, 1743.6));
        Assert.DoesNotContain("210", terminal.ToString());
        now += FitProgressLine.Interval;
        line.Report(new FitProgress(220, 1743.6));
        Assert.Contains("\rfitting: 220 evaluations", terminal.ToString());
        line.Dispose();
        string cleared = terminal.ToString();
        Assert.EndsWith("\r" + new string(' ', "fitting: 200 evaluations, REML criterion 1743.6283".Length) + "\r", cleared);
        now += TimeSpan.FromSeconds(5);
        line.Report(new FitProgress(300, 1700));
        Assert.Equal(cleared, terminal.ToString());
        // the command's own runs write nothing to a captured standard error
        Assert.Equal("", CliRun.Succeeding("fit", "sleepstudy", "Reaction ~ Days + (Days | Subject)").Stderr);
    }
}
