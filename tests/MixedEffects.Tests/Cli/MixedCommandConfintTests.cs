using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.GoldenInference;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed fit --confint</c>: Wald and profile intervals against lme4's <c>confint(m, method, oldNames = FALSE)</c>
/// (tests/reference/inference.json), Wald z intervals of a GLMM against glmer's estimates and vcov (glmm.json), and
/// the bootstrap's determinism.
/// </summary>
public sealed class MixedCommandConfintTests
{
    private const string Sleep = "Reaction ~ Days + (Days | Subject)";

    private static JsonElement Intervals(params string[] args) => CliRun.Json(args).GetProperty("intervals");

    [Theory]
    [InlineData("confint_wald", "wald")]
    [InlineData("confint_profile", "profile")]
    public void LinearModelIntervalsMatchLme4(string golden, string method)
    {
        // reference: inference.json sleepstudy_slopes; profile bounds within 1e-3 of the interval's width
        // (lme4 interpolates its profile with splines), Wald bounds within 1e-4 relative
        var gold = Model("sleepstudy_slopes").GetProperty(golden).EnumerateArray().ToArray();
        var ours = Intervals("fit", "sleepstudy", Sleep, "--confint", method).EnumerateArray().ToArray();
        Assert.Equal(gold.Length, ours.Length);
        for (int i = 0; i < gold.Length; i++)
        {
            string name = gold[i].GetProperty("parm").GetString()!;
            Assert.Equal(name, ours[i].GetProperty("parameter").GetString());
            Assert.Equal(method, ours[i].GetProperty("method").GetString());
            if (gold[i].GetProperty("lower").ValueKind == JsonValueKind.Null)
            {
                Assert.Equal(JsonValueKind.Null, ours[i].GetProperty("lower").ValueKind);
                Assert.Equal(JsonValueKind.Null, ours[i].GetProperty("upper").ValueKind);
                continue;
            }
            double lower = gold[i].GetProperty("lower").GetDouble(), upper = gold[i].GetProperty("upper").GetDouble();
            double tol = method == "profile" ? 1e-3 * (upper - lower) : 1e-4 * Math.Max(Math.Abs(lower), Math.Abs(upper));
            Assert.True(Math.Abs(lower - ours[i].GetProperty("lower").GetDouble()) <= tol, $"{name} lower");
            Assert.True(Math.Abs(upper - ours[i].GetProperty("upper").GetDouble()) <= tol, $"{name} upper");
        }
    }

    [Fact]
    public void TextIsLme4sConfintMatrix()
    {
        // expected lines: R 4.2.2, lme4 1.1-31, confint(m, method = "Wald", oldNames = FALSE) of the sleepstudy fit
        var run = CliRun.Succeeding("fit", "sleepstudy", Sleep, "--confint", "wald");
        var lines = run.StdoutLines;
        int start = Array.FindIndex(lines, l => l.TrimEnd().EndsWith("2.5 %    97.5 %", StringComparison.Ordinal));
        Assert.True(start > 0, run.Stdout);
        Assert.Equal(new[]
        {
            "                                  2.5 %    97.5 %",
            "sd_(Intercept)|Subject               NA        NA",
            "cor_Days.(Intercept)|Subject         NA        NA",
            "sd_Days|Subject                      NA        NA",
            "sigma                                NA        NA",
        }, lines[start..(start + 5)]);
        // R prints "(Intercept)                  238.029141 264.78107" and "Days                           7.437594  13.49698";
        // the last digits depend on the optimum, so the bounds are compared as numbers with inference.json's confint_wald
        var wald = GoldenInference.Model("sleepstudy_slopes").GetProperty("confint_wald");
        var intercept = lines[start + 5].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("(Intercept)", intercept[0]);
        Assert.Equal(wald[4].GetProperty("lower").GetDouble(), double.Parse(intercept[1], System.Globalization.CultureInfo.InvariantCulture), 1e-3);
        Assert.Equal(wald[4].GetProperty("upper").GetDouble(), double.Parse(intercept[2], System.Globalization.CultureInfo.InvariantCulture), 1e-3);
        Assert.StartsWith("Days                           7.4375", lines[start + 6]);
    }

    [Fact]
    public void GeneralizedWaldIntervalsUseNormalQuantiles()
    {
        // reference: glmm.json cbpp_binomial_laplace beta and vcov; qnorm(0.975) from distributions.json
        var c = GoldenGlmm.Case("cbpp_binomial_laplace");
        var ours = Intervals([.. GoldenGlmm.FitArguments(c), "--confint", "wald"]).EnumerateArray().ToArray();
        Assert.Equal("sd_(Intercept)|herd", ours[0].GetProperty("parameter").GetString());
        Assert.Equal(JsonValueKind.Null, ours[0].GetProperty("lower").ValueKind);
        var beta = c.GetProperty("beta").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var vcov = c.GetProperty("vcov");
        for (int j = 0; j < beta.Length; j++)
        {
            double half = MixedEffects.Tests.Reference.GoldenFile.Load("distributions").GetProperty("qnorm_0975").GetDouble()
                * Math.Sqrt(vcov[j][j].GetDouble());
            Assert.Equal(c.GetProperty("fixed")[j].GetProperty("term").GetString(), ours[j + 1].GetProperty("parameter").GetString());
            Assert.Equal(beta[j] - half, ours[j + 1].GetProperty("lower").GetDouble(), 1e-3 * half);
            Assert.Equal(beta[j] + half, ours[j + 1].GetProperty("upper").GetDouble(), 1e-3 * half);
        }
    }

    [Fact]
    public void BootstrapIsReproducibleForASeed()
    {
        string[] args = ["fit", "sleepstudy", Sleep, "--confint", "boot", "--nsim", "20", "--seed", "7"];
        var first = Intervals(args).EnumerateArray().ToArray();
        var second = Intervals(args).EnumerateArray().ToArray();
        Assert.Equal(6, first.Length);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.Equal("boot", first[i].GetProperty("method").GetString());
            Assert.Equal(first[i].GetProperty("lower").GetDouble(), second[i].GetProperty("lower").GetDouble());
            Assert.True(first[i].GetProperty("lower").GetDouble() < first[i].GetProperty("upper").GetDouble());
        }
        var other = Intervals("fit", "sleepstudy", Sleep, "--confint", "boot", "--nsim", "20", "--seed", "8").EnumerateArray().ToArray();
        Assert.NotEqual(first[5].GetProperty("lower").GetDouble(), other[5].GetProperty("lower").GetDouble());
    }
}
