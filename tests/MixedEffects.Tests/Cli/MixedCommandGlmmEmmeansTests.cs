using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.GoldenInference;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed fit --family binomial --emmeans</c> against emmeans 1.8.4-1 on glmer's cbpp fit (tests/reference/emmeans.json,
/// cbpp cases). Estimates within 1e-4 relative; standard errors, limits and statistics within 1e-3 relative (glmer's own
/// finite-difference covariance agrees with ours to about 1e-4); p values on the log scale within 1e-3 x max(1, z^2).
/// </summary>
public sealed class MixedCommandGlmmEmmeansTests
{
    private const string Cbpp = "cbind(incidence, size - incidence) ~ period + (1 | herd)";

    private static JsonElement Emmeans(params string[] options)
    {
        var run = CliRun.Of(["fit", "cbpp", Cbpp, "--family", "binomial", "--format", "json", .. options]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("emmeans").Clone();
    }

    [Theory]
    [InlineData("cbpp_period_response_pairwise", "response", "pairwise")]
    [InlineData("cbpp_period_link_trt_vs_ctrl", "link", "trt.vs.ctrl")]
    public void MatchesEmmeans(string id, string type, string contrast)
    {
        var gold = EmmeansCase(id);
        var emm = Emmeans("--emmeans", "period", "--type", type, "--contrast", contrast);
        var g = gold.GetProperty("grid").EnumerateArray().ToArray();
        var o = emm.GetProperty("grid").EnumerateArray().ToArray();
        Assert.Equal(g.Length, o.Length);
        for (int i = 0; i < g.Length; i++)
        {
            Assert.Equal(g[i].GetProperty("levels").GetProperty("period").GetString(), o[i].GetProperty("levels").GetProperty("period").GetString());
            AssertClose(g[i].GetProperty("estimate").GetDouble(), o[i].GetProperty("emmean").GetDouble(), 1e-4, $"grid {i} estimate");
            foreach (var field in new[] { "se", "lower", "upper" })
                AssertClose(g[i].GetProperty(field).GetDouble(), o[i].GetProperty(field).GetDouble(), 1e-3, $"grid {i} {field}");
            Assert.Equal(JsonValueKind.Null, o[i].GetProperty("df").ValueKind);
        }
        var gc = gold.GetProperty("contrasts").EnumerateArray().ToArray();
        var oc = emm.GetProperty("contrasts").EnumerateArray().ToArray();
        Assert.Equal(gc.Length, oc.Length);
        for (int i = 0; i < gc.Length; i++)
        {
            string name = gc[i].GetProperty("contrast").GetString()!;
            Assert.Equal(name, oc[i].GetProperty("contrast").GetString());
            AssertClose(gc[i].GetProperty("estimate").GetDouble(), oc[i].GetProperty("estimate").GetDouble(), 1e-4, name);
            foreach (var field in new[] { "se", "statistic" })
                AssertClose(gc[i].GetProperty(field).GetDouble(), oc[i].GetProperty(field).GetDouble(), 1e-3, $"{name} {field}");
            double z = gc[i].GetProperty("statistic").GetDouble(), p = gc[i].GetProperty("p").GetDouble();
            double ours = oc[i].GetProperty("p").GetDouble();
            Assert.True(Math.Abs(Math.Log(ours / p)) <= 1e-3 * Math.Max(1, z * z), $"{name} p: expected {p:R}, got {ours:R}");
        }
    }

    [Fact]
    public void TextShowsEmmeansMessages()
    {
        // reference: emmeans.json cbpp_period_response_pairwise grid_messages (emmeans 1.8.4-1)
        var gold = EmmeansCase("cbpp_period_response_pairwise");
        var run = CliRun.Of("fit", "cbpp", Cbpp, "--family", "binomial", "--emmeans", "period", "--type", "response");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("$emmeans", run.StdoutLines);
        Assert.Contains("$contrasts", run.StdoutLines);
        foreach (var message in gold.GetProperty("grid_messages").EnumerateArray())
            Assert.Contains(message.GetString()!, run.StdoutLines);
    }
}
