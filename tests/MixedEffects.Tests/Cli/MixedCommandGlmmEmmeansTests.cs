using System.Text.Json;
using Xunit;
using static MixedEffects.Tests.Cli.CliAssertions;
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

    private static JsonElement Emmeans(params string[] options) =>
        CliRun.Json(["fit", "cbpp", Cbpp, "--family", "binomial", .. options]).GetProperty("emmeans");

    [Theory]
    [InlineData("cbpp_period_response_pairwise", "response", "pairwise")]
    [InlineData("cbpp_period_link_trt_vs_ctrl", "link", "trt.vs.ctrl")]
    public void MatchesEmmeans(string id, string type, string contrast)
    {
        var gold = EmmeansCase(id);
        var emm = Emmeans("--emmeans", "period", "--type", type, "--contrast", contrast);
        AssertRows(gold.GetProperty("grid"), emm.GetProperty("grid"), (g, o, i) =>
        {
            Assert.Equal(g.GetProperty("levels").GetProperty("period").GetString(), o.GetProperty("levels").GetProperty("period").GetString());
            AssertClose(g.GetProperty("estimate").GetDouble(), o.GetProperty("emmean").GetDouble(), 1e-4, $"grid {i} estimate");
            foreach (var field in new[] { "se", "lower", "upper" })
                AssertClose(g.GetProperty(field).GetDouble(), o.GetProperty(field).GetDouble(), 1e-3, $"grid {i} {field}");
            Assert.Equal(JsonValueKind.Null, o.GetProperty("df").ValueKind);
        });
        AssertRows(gold.GetProperty("contrasts"), emm.GetProperty("contrasts"), (g, o, _) =>
        {
            string name = g.GetProperty("contrast").GetString()!;
            Assert.Equal(name, o.GetProperty("contrast").GetString());
            AssertClose(g.GetProperty("estimate").GetDouble(), o.GetProperty("estimate").GetDouble(), 1e-4, name);
            foreach (var field in new[] { "se", "statistic" })
                AssertClose(g.GetProperty(field).GetDouble(), o.GetProperty(field).GetDouble(), 1e-3, $"{name} {field}");
            double z = g.GetProperty("statistic").GetDouble(), p = g.GetProperty("p").GetDouble();
            double ours = o.GetProperty("p").GetDouble();
            Assert.True(Math.Abs(Math.Log(ours / p)) <= 1e-3 * Math.Max(1, z * z), $"{name} p: expected {p:R}, got {ours:R}");
        });
    }

    [Fact]
    public void TextShowsEmmeansMessages()
    {
        // reference: emmeans.json cbpp_period_response_pairwise grid_messages (emmeans 1.8.4-1)
        var gold = EmmeansCase("cbpp_period_response_pairwise");
        var run = CliRun.Succeeding("fit", "cbpp", Cbpp, "--family", "binomial", "--emmeans", "period", "--type", "response");
        Assert.Contains("$emmeans", run.StdoutLines);
        Assert.Contains("$contrasts", run.StdoutLines);
        foreach (var message in gold.GetProperty("grid_messages").EnumerateArray())
            Assert.Contains(message.GetString()!, run.StdoutLines);
    }
}
