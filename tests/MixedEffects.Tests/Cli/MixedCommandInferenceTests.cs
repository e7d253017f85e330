using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;
using static MixedEffects.Tests.Cli.GoldenInference;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed fit --ddf/--anova/--emmeans/--level</c> end to end (in-process), numbers against tests/reference/inference.json
/// (lmerTest/pbkrtest) and emmeans.json (emmeans). Tolerance 1e-4 relative: our optimum differs from lme4's stopping
/// point by up to about 3e-5 relative in the standard errors. p values are steep functions of t: a relative change
/// e in t changes log p by about t^2 e, so p is compared on the log scale to 1e-4 x max(1, t^2) (see <see cref="AssertP"/>).
/// </summary>
public sealed class MixedCommandInferenceTests
{
    private const double Tol = 1e-4;
    private const string Sleep = "Reaction ~ Days + (Days | Subject)";
    private const string Cake = "angle ~ recipe * temperature + (1 | recipe:replicate)";
    private const string Fhch = "log_rt ~ task * stimulus + (1|id) + (1|item)";

    /// <summary>|log(actual / expected)| at most 1e-4 x max(1, t^2), t being the test statistic (or sqrt F).</summary>
    private static void AssertP(double expected, double actual, double statistic, string what)
    {
        double tol = Tol * Math.Max(1, statistic * statistic);
        Assert.True(actual > 0 && Math.Abs(Math.Log(actual / expected)) <= tol, $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void AssertFixedTests(JsonElement gold, JsonElement output) => AssertRows(gold, output, (g, o, _) =>
    {
        string term = g.GetProperty("term").GetString()!;
        Assert.Equal(term, o.GetProperty("term").GetString());
        AssertClose(g.GetProperty("estimate").GetDouble(), o.GetProperty("estimate").GetDouble(), Tol, term + " estimate");
        AssertClose(g.GetProperty("se").GetDouble(), o.GetProperty("se").GetDouble(), Tol, term + " se");
        AssertClose(g.GetProperty("df").GetDouble(), o.GetProperty("df").GetDouble(), Tol, term + " df");
        AssertClose(g.GetProperty("t").GetDouble(), o.GetProperty("statistic").GetDouble(), Tol, term + " t");
        AssertP(g.GetProperty("p").GetDouble(), o.GetProperty("p").GetDouble(), g.GetProperty("t").GetDouble(), term + " p");
    });

    private static void AssertAnova(JsonElement gold, JsonElement output) => AssertRows(gold, output, (g, o, _) =>
    {
        string term = g.GetProperty("term").GetString()!;
        Assert.Equal(term, o.GetProperty("term").GetString());
        foreach (var field in new[] { "sumsq", "meansq", "numdf", "dendf", "F" })
            AssertClose(g.GetProperty(field).GetDouble(), o.GetProperty(field).GetDouble(), Tol, $"{term} {field}");
        AssertP(g.GetProperty("p").GetDouble(), o.GetProperty("p").GetDouble(), Math.Sqrt(g.GetProperty("F").GetDouble()), term + " p");
    });

    [Fact]
    public void SatterthwaiteIsTheDefault()
    {
        // reference: inference.json sleepstudy_slopes satterthwaite (lmerTest summary(m)$coefficients)
        var root = CliRun.Json("fit", "sleepstudy", Sleep);
        Assert.Equal("satterthwaite", root.GetProperty("ddf").GetString());
        AssertFixedTests(Model("sleepstudy_slopes").GetProperty("satterthwaite"), root.GetProperty("fixed"));
        Assert.False(root.TryGetProperty("anova", out _));
        Assert.False(root.TryGetProperty("emmeans", out _));
    }

    [Fact]
    public void KenwardRogerMatchesPbkrtest()
    {
        // reference: inference.json cake kenward_roger (lmerTest with ddf = "Kenward-Roger", pbkrtest's adjusted vcov)
        var root = CliRun.Json("fit", "cake", Cake, "--ddf", "kenward-roger", "--anova", "I");
        Assert.Equal("kenward-roger", root.GetProperty("ddf").GetString());
        var gold = Model("cake");
        AssertFixedTests(gold.GetProperty("kenward_roger"), root.GetProperty("fixed"));
        AssertAnova(gold.GetProperty("anova").GetProperty("kenward_roger").GetProperty("I"), root.GetProperty("anova"));
    }

    [Theory]
    [InlineData(null, "III")]
    [InlineData("III", "III")]
    [InlineData("II", "II")]
    [InlineData("I", "I")]
    public void AnovaTypesMatchLmerTest(string? type, string goldType)
    {
        // reference: inference.json cake anova$satterthwaite$<type> (lmerTest anova(m, type))
        var args = new List<string> { "fit", "cake", Cake, "--anova" };
        if (type is not null) args.Add(type);
        var root = CliRun.Json([.. args]);
        AssertAnova(Model("cake").GetProperty("anova").GetProperty("satterthwaite").GetProperty(goldType), root.GetProperty("anova"));
    }

    [Fact]
    public void AnovaWithEqualsSignAndBeforePositionals()
    {
        // an optional value must not swallow the DATA argument; reference as above
        var root = CliRun.Json("fit", "--anova", "cake", Cake);
        AssertAnova(Model("cake").GetProperty("anova").GetProperty("satterthwaite").GetProperty("III"), root.GetProperty("anova"));
        root = CliRun.Json("fit", "cake", Cake, "--anova=II");
        AssertAnova(Model("cake").GetProperty("anova").GetProperty("satterthwaite").GetProperty("II"), root.GetProperty("anova"));
    }

    [Fact]
    public void NoDdfGivesNullDfAndPAndWaldIntervals()
    {
        // reference: inference.json sleepstudy_slopes confint_wald (lme4 confint(m, method = "Wald"), normal quantiles)
        var root = CliRun.Json("fit", "sleepstudy", Sleep, "--ddf", "none");
        Assert.Equal("none", root.GetProperty("ddf").GetString());
        var wald = Model("sleepstudy_slopes").GetProperty("confint_wald").EnumerateArray()
            .ToDictionary(e => e.GetProperty("parm").GetString()!);
        foreach (var f in root.GetProperty("fixed").EnumerateArray())
        {
            string term = f.GetProperty("term").GetString()!;
            Assert.Equal(JsonValueKind.Null, f.GetProperty("df").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("p").ValueKind);
            AssertClose(wald[term].GetProperty("lower").GetDouble(), f.GetProperty("lower").GetDouble(), Tol, term + " lower");
            AssertClose(wald[term].GetProperty("upper").GetDouble(), f.GetProperty("upper").GetDouble(), Tol, term + " upper");
        }
    }

    [Fact]
    public void LevelSetsTheSatterthwaiteIntervals()
    {
        // reference: estimate +- qt(1 - 0.1/2, df) * se with estimate, se and df from inference.json sleepstudy_slopes
        // satterthwaite; the t quantiles computed independently with MathNet.Numerics
        var root = CliRun.Json("fit", "sleepstudy", Sleep, "--level", "0.9");
        Assert.Equal(0.9, root.GetProperty("level").GetDouble());
        var gold = Model("sleepstudy_slopes").GetProperty("satterthwaite").EnumerateArray().ToArray();
        double[] quantile = gold.Select(g => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, g.GetProperty("df").GetDouble(), 0.95)).ToArray();
        var fixedOut = root.GetProperty("fixed").EnumerateArray().ToArray();
        for (int i = 0; i < gold.Length; i++)
        {
            double est = gold[i].GetProperty("estimate").GetDouble(), se = gold[i].GetProperty("se").GetDouble();
            AssertClose(est - quantile[i] * se, fixedOut[i].GetProperty("lower").GetDouble(), Tol, "lower");
            AssertClose(est + quantile[i] * se, fixedOut[i].GetProperty("upper").GetDouble(), Tol, "upper");
        }
    }

    [Fact]
    public void EmmeansPairwiseMatchesEmmeans()
    {
        // reference: emmeans.json fhch2010_task_stimulus_pairwise (emmeans(m, ~ task * stimulus, lmer.df = "satterthwaite"),
        // pairs with Tukey's adjustment)
        var gold = EmmeansCase("fhch2010_task_stimulus_pairwise");
        var root = CliRun.Json("fit", "fhch2010", Fhch, "--emmeans", "task * stimulus", "--ddf", "satterthwaite");
        var emm = root.GetProperty("emmeans");
        Assert.Equal("satterthwaite", emm.GetProperty("df_method").GetString());
        Assert.Equal("tukey", emm.GetProperty("adjust").GetString());
        AssertGrid(gold.GetProperty("grid"), emm.GetProperty("grid"));
        AssertContrasts(gold.GetProperty("contrasts"), emm.GetProperty("contrasts"));
    }

    [Fact]
    public void EmmeansWithByVariable()
    {
        // reference: emmeans.json fhch2010_task_by_stimulus_pairwise (emmeans(m, ~ task | stimulus), pairs)
        var gold = EmmeansCase("fhch2010_task_by_stimulus_pairwise");
        var root = CliRun.Json("fit", "fhch2010", Fhch, "--emmeans", "task", "--by", "stimulus", "--ddf", "satterthwaite");
        var emm = root.GetProperty("emmeans");
        AssertGrid(gold.GetProperty("grid"), emm.GetProperty("grid"));
        AssertContrasts(gold.GetProperty("contrasts"), emm.GetProperty("contrasts"));
        var first = emm.GetProperty("contrasts")[0].GetProperty("by");
        Assert.Equal("nonword", first.GetProperty("stimulus").GetString());
    }

    [Fact]
    public void EmmeansContrastFamilyAndAdjustment()
    {
        // reference: emmeans.json cake_temperature_consec_holm (contrast(emm, "consec", adjust = "holm")), Kenward-Roger df
        var gold = EmmeansCase("cake_temperature_consec_holm");
        Assert.Equal("kenward-roger", gold.GetProperty("df_method").GetString());
        var root = CliRun.Json("fit", "cake", Cake, "--emmeans", "temperature", "--contrast", "consec", "--adjust", "holm", "--ddf", "kenward-roger");
        Assert.Equal("kenward-roger", root.GetProperty("emmeans").GetProperty("df_method").GetString());
        var emm = root.GetProperty("emmeans");
        Assert.Equal("holm", emm.GetProperty("adjust").GetString());
        AssertGrid(gold.GetProperty("grid"), emm.GetProperty("grid"));
        AssertContrasts(gold.GetProperty("contrasts"), emm.GetProperty("contrasts"));
    }

    [Fact]
    public void EmmeansWithoutContrasts()
    {
        var root = CliRun.Json("fit", "cake", Cake, "--emmeans", "temperature", "--contrast", "none");
        Assert.Equal(0, root.GetProperty("emmeans").GetProperty("contrasts").GetArrayLength());
        Assert.Equal(6, root.GetProperty("emmeans").GetProperty("grid").GetArrayLength());
    }

    [Fact]
    public void TextReportHasEverySection()
    {
        var run = CliRun.Of("fit", "fhch2010", Fhch, "--anova", "--emmeans", "task * stimulus");
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        // layout from R: print(summary(m)); print(anova(m)); print(emmeans(m, pairwise ~ task * stimulus))
        Assert.Equal("Linear mixed model fit by REML. t-tests use Satterthwaite's method [", lines[0]);
        Assert.Equal("lmerModLmerTest]", lines[1]);
        Assert.Contains("Type III Analysis of Variance Table with Satterthwaite's method", lines);
        int emm = Array.IndexOf(lines, "$emmeans");
        int con = Array.IndexOf(lines, "$contrasts");
        Assert.True(emm > 0 && con > emm);
        Assert.StartsWith(" task   stimulus", lines[emm + 1]);
        Assert.StartsWith(" contrast ", lines[con + 1]);
        Assert.Contains("P value adjustment: tukey method for comparing a family of 4 estimates", lines);
    }

    [Fact]
    public void NoDdfPrintsLme4Summary()
    {
        var run = CliRun.Of("fit", "sleepstudy", Sleep, "--ddf", "none");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Linear mixed model fit by REML ['lmerMod']", run.StdoutLines[0]);
        Assert.Contains("            Estimate Std. Error t value", run.StdoutLines);
        Assert.DoesNotContain(run.StdoutLines, l => l.StartsWith("Signif. codes", StringComparison.Ordinal));
    }

    private static void AssertGrid(JsonElement gold, JsonElement output) => AssertRows(gold, output, (g, o, i) =>
    {
        foreach (var level in g.GetProperty("levels").EnumerateObject())
            Assert.Equal(level.Value.GetString(), o.GetProperty("levels").GetProperty(level.Name).GetString());
        AssertClose(g.GetProperty("estimate").GetDouble(), o.GetProperty("emmean").GetDouble(), Tol, $"grid {i} estimate");
        foreach (var field in new[] { "se", "df", "lower", "upper" })
            AssertClose(Number(g.GetProperty(field)), o.GetProperty(field).GetDouble(), Tol, $"grid {i} {field}");
    });

    private static void AssertContrasts(JsonElement gold, JsonElement output) => AssertRows(gold, output, (g, o, _) =>
    {
        string name = g.GetProperty("contrast").GetString()!;
        Assert.Equal(name, o.GetProperty("contrast").GetString());
        foreach (var field in new[] { "estimate", "se", "df", "statistic" })
            AssertClose(Number(g.GetProperty(field)), o.GetProperty(field).GetDouble(), Tol, $"{name} {field}");
        double p = g.GetProperty("p").GetDouble();
        // adjusted p values this small come from R's ptukey/integrals, accurate in absolute terms only
        if (p < 1e-8) Assert.InRange(o.GetProperty("p").GetDouble(), 0, 1e-8);
        else AssertP(p, o.GetProperty("p").GetDouble(), g.GetProperty("statistic").GetDouble(), name + " p");
    });
}
