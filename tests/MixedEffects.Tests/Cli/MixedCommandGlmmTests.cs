using System.Globalization;
using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.GoldenInference;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed fit --family</c> end to end (in-process) against lme4::glmer 1.1-31 (tests/reference/glmm.json): cbpp
/// binomial by Laplace and by 25-point quadrature, grouseticks Poisson with three random intercepts. Tolerances:
/// likelihood, AIC, BIC and deviance 1e-5 relative; estimates 1e-4 (relative above 1); standard errors and standard
/// deviations 1e-3 relative (lme4's finite-difference Hessian and PIRLS tolerance limit its own accuracy).
/// </summary>
public sealed class MixedCommandGlmmTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "cbpp_binomial_laplace", "Laplace" },
        { "cbpp_binomial_agq25", "AGQ(25)" },
        { "grouseticks_poisson", "Laplace" },
    };

    private static void AssertEstimate(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void JsonMatchesGlmer(string id, string method)
    {
        var c = GoldenGlmm.Case(id);
        var root = CliRun.Json(GoldenGlmm.FitArguments(c));
        Assert.Equal(c.GetProperty("nobs").GetInt32(), root.GetProperty("nobs").GetInt32());
        foreach (var g in c.GetProperty("ngroups").EnumerateObject())
            Assert.Equal(g.Value.GetInt32(), root.GetProperty("ngroups").GetProperty(g.Name).GetInt32());
        Assert.Equal(method, root.GetProperty("method").GetString());
        Assert.Equal(c.GetProperty("family").GetString(), root.GetProperty("family").GetString());
        Assert.Equal(c.GetProperty("link").GetString(), root.GetProperty("link").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("REMLcrit").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("sigma").ValueKind);
        Assert.Equal(c.GetProperty("singular").GetBoolean(), root.GetProperty("singular").GetBoolean());
        foreach (var (gold, ours) in new[] { ("logLik", "logLik"), ("AIC", "AIC"), ("BIC", "BIC"), ("deviance", "deviance") })
            AssertClose(c.GetProperty(gold).GetDouble(), root.GetProperty(ours).GetDouble(), 1e-5, ours);

        var gf = c.GetProperty("fixed").EnumerateArray().ToArray();
        var of = root.GetProperty("fixed").EnumerateArray().ToArray();
        Assert.Equal(gf.Length, of.Length);
        for (int i = 0; i < gf.Length; i++)
        {
            string term = gf[i].GetProperty("term").GetString()!;
            Assert.Equal(term, of[i].GetProperty("term").GetString());
            AssertEstimate(gf[i].GetProperty("estimate").GetDouble(), of[i].GetProperty("estimate").GetDouble(), term);
            AssertClose(gf[i].GetProperty("se").GetDouble(), of[i].GetProperty("se").GetDouble(), 1e-3, term + " se");
            AssertClose(gf[i].GetProperty("statistic").GetDouble(), of[i].GetProperty("statistic").GetDouble(), 1e-3, term + " z");
            double z = gf[i].GetProperty("statistic").GetDouble(), p = gf[i].GetProperty("p").GetDouble();
            double ourP = of[i].GetProperty("p").GetDouble();
            // log p changes by about z^2 times the relative change in z
            Assert.True(Math.Abs(Math.Log(ourP / p)) <= 1e-3 * Math.Max(1, z * z), $"{term} p: expected {p:R}, got {ourP:R}");
            Assert.Equal(JsonValueKind.Null, of[i].GetProperty("df").ValueKind);
        }

        var gr = c.GetProperty("random").EnumerateArray().ToArray();
        var or = root.GetProperty("random").EnumerateArray().ToArray();
        Assert.Equal(gr.Length, or.Length);
        for (int i = 0; i < gr.Length; i++)
        {
            Assert.Equal(gr[i].GetProperty("group").GetString(), or[i].GetProperty("group").GetString());
            Assert.Equal(gr[i].GetProperty("var1").GetString(), or[i].GetProperty("term1").GetString());
            Assert.True(Math.Abs(gr[i].GetProperty("sdcor").GetDouble() - or[i].GetProperty("sdcor").GetDouble()) <= 1e-3,
                $"sd of {gr[i].GetProperty("group").GetString()}");
        }
    }

    [Fact]
    public void LaplaceTextIsGlmersSummary()
    {
        // expected lines: R 4.2.2, lme4 1.1-31, summary(glmer(cbind(incidence, size - incidence) ~ period + (1 | herd),
        // cbpp, binomial)) with data = cbpp; numbers of the coefficient rows: glmm.json cbpp_binomial_laplace
        var c = GoldenGlmm.Case("cbpp_binomial_laplace");
        var run = CliRun.Succeeding(GoldenGlmm.FitArguments(c));
        var lines = run.StdoutLines;
        Assert.Equal(new[]
        {
            "Generalized linear mixed model fit by maximum likelihood (Laplace",
            "  Approximation) [glmerMod]",
            " Family: binomial  ( logit )",
            "Formula: cbind(incidence, size - incidence) ~ period + (1 | herd)",
            "   Data: cbpp",
            "",
            "     AIC      BIC   logLik deviance df.resid ",
            "   194.1    204.2    -92.0    184.1       51 ",
            "",
            "Scaled residuals: ",
            "    Min      1Q  Median      3Q     Max ",
        }, lines[..11]);
        int re = Array.IndexOf(lines, "Random effects:");
        Assert.Equal(" Groups Name        Variance Std.Dev.", lines[re + 1]);
        Assert.StartsWith(" herd   (Intercept) 0.412", lines[re + 2]);
        Assert.Equal("Number of obs: 56, groups:  herd, 15", lines[re + 3]);
        int fe = Array.IndexOf(lines, "Fixed effects:");
        Assert.Equal("            Estimate Std. Error z value Pr(>|z|)    ", lines[fe + 1]);
        var gold = c.GetProperty("fixed").EnumerateArray().ToArray();
        for (int i = 0; i < gold.Length; i++)
        {
            var cells = lines[fe + 2 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(gold[i].GetProperty("term").GetString(), cells[0]);
            // printed with 4 decimals: within rounding plus the 1e-4 agreement of the estimates
            Assert.Equal(gold[i].GetProperty("estimate").GetDouble(), double.Parse(cells[1], CultureInfo.InvariantCulture), 2e-4);
            Assert.Equal(gold[i].GetProperty("se").GetDouble(), double.Parse(cells[2], CultureInfo.InvariantCulture), 2e-4);
            double p = gold[i].GetProperty("p").GetDouble();
            Assert.Equal(p <= 0.001 ? "***" : p <= 0.01 ? "**" : p <= 0.05 ? "*" : ".", cells[^1]);
        }
        Assert.Equal("---", lines[fe + 6]);
        int corr = Array.IndexOf(lines, "Correlation of Fixed Effects:");
        Assert.Equal(new[]
        {
            "        (Intr) perid2 perid3",
            "period2 -0.363              ",
            "period3 -0.340  0.280       ",
            "period4 -0.260  0.213  0.198",
        }, lines[(corr + 1)..(corr + 5)]);
    }

    [Fact]
    public void QuadratureTitleAndCriteria()
    {
        // expected lines: R 4.2.2, lme4 1.1-31, summary(glmer(..., cbpp, binomial, nAGQ = 25))
        var run = CliRun.Succeeding(GoldenGlmm.FitArguments(GoldenGlmm.Case("cbpp_binomial_agq25")));
        var lines = run.StdoutLines;
        Assert.Equal("Generalized linear mixed model fit by maximum likelihood (Adaptive", lines[0]);
        Assert.Equal("  Gauss-Hermite Quadrature, nAGQ = 25) [glmerMod]", lines[1]);
        Assert.Equal("   110.0    120.1    -50.0    100.0       51 ", lines[7]);
    }

    [Fact]
    public void PoissonTextHasThreeRandomIntercepts()
    {
        // expected lines: R 4.2.2, lme4 1.1-31, summary(glmer(TICKS ~ YEAR + cHEIGHT + (1 | BROOD) + (1 | INDEX) +
        // (1 | LOCATION), grouseticks, poisson))
        var run = CliRun.Succeeding(GoldenGlmm.FitArguments(GoldenGlmm.Case("grouseticks_poisson")));
        var lines = run.StdoutLines;
        Assert.Equal(" Family: poisson  ( log )", lines[2]);
        Assert.Equal("  1794.5   1822.5   -890.3   1780.5      396 ", lines[7]);
        int re = Array.IndexOf(lines, "Random effects:");
        Assert.Equal(" Groups   Name        Variance Std.Dev.", lines[re + 1]);
        Assert.Equal(" INDEX    (Intercept) 0.2932   0.5415  ", lines[re + 2]);
        Assert.Equal(" BROOD    (Intercept) 0.5625   0.7500  ", lines[re + 3]);
        Assert.StartsWith(" LOCATION (Intercept) 0.279", lines[re + 4]);
        Assert.Equal("Number of obs: 403, groups:  INDEX, 403; BROOD, 118; LOCATION, 63", lines[re + 5]);
        int fe = Array.IndexOf(lines, "Fixed effects:");
        Assert.Equal("             Estimate Std. Error z value Pr(>|z|)    ", lines[fe + 1]);
    }

    [Fact]
    public void CsvFilesAndPredictionScales()
    {
        // reference: glmm.json cbpp_binomial_laplace fitted (response scale), linear_predictor (first 50 rows) and ranef
        var c = GoldenGlmm.Case("cbpp_binomial_laplace");
        using var dir = new TempDirectory();
        string fitted = dir.Combine("fitted.csv"), ranef = dir.Combine("ranef.csv"), coef = dir.Combine("coef.csv");
        string link = dir.Combine("link.csv"), response = dir.Combine("response.csv");
        var run = CliRun.Succeeding([.. GoldenGlmm.FitArguments(c), "--fitted-csv", fitted, "--ranef-csv", ranef, "--coef-csv", coef,
            "--predict", "cbpp", "--predict-csv", link, "--type", "link"]);
        run = CliRun.Succeeding([.. GoldenGlmm.FitArguments(c), "--predict", "cbpp", "--predict-csv", response]);

        var goldFitted = c.GetProperty("fitted").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var goldEta = c.GetProperty("linear_predictor").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var fittedRows = Rows(fitted, "row,fitted,link,residual");
        Assert.Equal(c.GetProperty("nobs").GetInt32(), fittedRows.Length);
        for (int i = 0; i < goldFitted.Length; i++)
        {
            Assert.Equal(i + 1, fittedRows[i][0]);
            Assert.Equal(goldFitted[i], fittedRows[i][1], 1e-4);
            Assert.Equal(goldEta[i], fittedRows[i][2], 1e-4);
        }
        var linkRows = Rows(link, "row,prediction");
        var responseRows = Rows(response, "row,prediction");
        for (int i = 0; i < goldFitted.Length; i++)
        {
            Assert.Equal(goldEta[i], linkRows[i][1], 1e-4);
            Assert.Equal(goldFitted[i], responseRows[i][1], 1e-4);
        }
        var ranefRows = CliAssertions.CsvLines(ranef);
        Assert.Equal("group,level,term,value,condsd", ranefRows[0]);
        var goldRanef = c.GetProperty("ranef")[0];
        var first = ranefRows[1].Split(',');
        Assert.Equal(goldRanef.GetProperty("levels")[0].GetString(), first[1]);
        Assert.Equal(goldRanef.GetProperty("values")[0][0].GetDouble(), double.Parse(first[3], CultureInfo.InvariantCulture), 1e-4);
        Assert.Equal(goldRanef.GetProperty("condsd")[0][0].GetDouble(), double.Parse(first[4], CultureInfo.InvariantCulture), 1e-4);
        Assert.Equal("group,level,(Intercept),period2,period3,period4", CliAssertions.CsvLines(coef)[0]);
    }

    private static double[][] Rows(string path, string header)
    {
        var lines = CliAssertions.CsvLines(path);
        Assert.Equal(header, lines[0]);
        return lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
    }
}
