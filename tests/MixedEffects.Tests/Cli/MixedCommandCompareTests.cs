using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;
using static MixedEffects.Tests.Cli.GoldenInference;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed fit --compare NULLFORMULA</c> against lme4's <c>anova(m0, m1)</c>: linear models from
/// tests/reference/inference.json ("lrt", lme4 1.1-31), the binomial cbpp models from glmm.json ("lrt").
/// Statistics within 1e-4 relative (the optima agree to about 1e-5), p on the log scale within 1e-4 x max(1, chisq).
/// </summary>
public sealed class MixedCommandCompareTests
{
    private static JsonElement Lrt(string id)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference", "inference.json")));
        return doc.RootElement.GetProperty("lrt").EnumerateArray().First(c => c.GetProperty("id").GetString() == id).Clone();
    }

    private static void AssertCompare(JsonElement gold, JsonElement compare)
    {
        var rows = gold.GetProperty("rows").EnumerateArray().ToArray();
        double chisq = rows[1].GetProperty("Chisq").GetDouble();
        AssertClose(chisq, compare.GetProperty("chisq").GetDouble(), 1e-4, "chisq");
        Assert.Equal(rows[1].GetProperty("Df").GetInt32(), compare.GetProperty("df").GetInt32());
        double p = rows[1].GetProperty("p").GetDouble(), ourP = compare.GetProperty("p").GetDouble();
        Assert.True(Math.Abs(Math.Log(ourP / p)) <= 1e-4 * Math.Max(1, chisq), $"p: expected {p:R}, got {ourP:R}");
        AssertClose(rows[0].GetProperty("logLik").GetDouble(), compare.GetProperty("logLik0").GetDouble(), 1e-5, "logLik0");
        AssertClose(rows[1].GetProperty("logLik").GetDouble(), compare.GetProperty("logLik1").GetDouble(), 1e-5, "logLik1");
        var ours = compare.GetProperty("rows").EnumerateArray().ToArray();
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(rows[i].GetProperty("npar").GetInt32(), ours[i].GetProperty("npar").GetInt32());
            AssertClose(rows[i].GetProperty("AIC").GetDouble(), ours[i].GetProperty("AIC").GetDouble(), 1e-5, "AIC");
        }
    }

    [Theory]
    [InlineData("sleepstudy_intercept_vs_slopes_reml")]
    [InlineData("sleepstudy_days_ml")]
    [InlineData("cake_additive_vs_interaction_reml")]
    public void LinearModelsMatchLme4Anova(string id)
    {
        var gold = Lrt(id);
        var args = new List<string> { "fit", gold.GetProperty("dataset").GetString()!, gold.GetProperty("m1").GetString()!,
            "--compare", gold.GetProperty("m0").GetString()! };
        if (!gold.GetProperty("REML").GetBoolean()) args.Add("--ml");
        var compare = CliRun.Json(args.ToArray()).GetProperty("compare");
        AssertCompare(gold, compare);
        Assert.Equal(gold.GetProperty("refitted").GetBoolean(), compare.GetProperty("refitted").GetBoolean());
        Assert.Equal(gold.GetProperty("messages").EnumerateArray().Select(m => m.GetString()),
            compare.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void GeneralizedModelsMatchLme4Anova()
    {
        var gold = GoldenGlmm.Root().GetProperty("lrt");
        var compare = CliRun.Json("fit", "cbpp", gold.GetProperty("m1").GetString()!, "--family", "binomial",
            "--compare", gold.GetProperty("m0").GetString()!).GetProperty("compare");
        AssertCompare(gold, compare);
        Assert.False(compare.GetProperty("refitted").GetBoolean());
    }

    [Fact]
    public void TextIsLme4sAnovaTable()
    {
        // expected lines: R 4.2.2, lme4 1.1-31, anova(m0, m1) of the sleepstudy fits (R names the rows after the
        // variables, here m0 and m1, so the columns line up the same)
        var run = CliRun.Succeeding("fit", "sleepstudy", "Reaction ~ Days + (Days | Subject)", "--compare", "Reaction ~ Days + (1 | Subject)");
        AssertLinesAfter(run, "refitting model(s) with ML (instead of REML)", 0,
            "refitting model(s) with ML (instead of REML)",
            "Data: sleepstudy",
            "Models:",
            "m0: Reaction ~ Days + (1 | Subject)",
            "m1: Reaction ~ Days + (Days | Subject)",
            "   npar    AIC    BIC  logLik deviance  Chisq Df Pr(>Chisq)    ",
            "m0    4 1802.1 1814.8 -897.04   1794.1                         ",
            "m1    6 1763.9 1783.1 -875.97   1751.9 42.139  2  7.072e-10 ***",
            "---");
    }

    [Fact]
    public void GeneralizedTextIsLme4sAnovaTable()
    {
        // expected lines: R 4.2.2, lme4 1.1-31, anova(m0, m1) of the cbpp binomial fits
        var gold = GoldenGlmm.Root().GetProperty("lrt");
        var run = CliRun.Succeeding("fit", "cbpp", gold.GetProperty("m1").GetString()!, "--family", "binomial",
            "--compare", gold.GetProperty("m0").GetString()!);
        AssertLinesAfter(run, "Data: cbpp", 4,
            "   npar    AIC    BIC   logLik deviance Chisq Df Pr(>Chisq)    ",
            "m0    2 213.66 217.71 -104.832   209.66                        ",
            "m1    5 194.05 204.18  -92.027   184.05 25.61  3  1.151e-05 ***");
    }
}
