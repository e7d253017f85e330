using System.Globalization;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Data;
using MixedEffects.Tests.Plots;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary><c>mixed plot</c>, <c>mixed report</c> and <c>mixed fit --r2</c>.</summary>
public class MixedCommandPlotTests
{
    private const string Sleep = "Reaction ~ Days + (Days | Subject)";

    [Fact]
    public void PlotWritesTheCaterpillarAsSvgAndPng()
    {
        using var dir = new TempDirectory();
        string svg = Path.Combine(dir.Path, "ranef.svg"), png = Path.Combine(dir.Path, "ranef.png");
        CliRun.Succeeding("plot", "caterpillar", "sleepstudy", Sleep, "-o", svg);
        CliRun.Succeeding("plot", "caterpillar", "sleepstudy", Sleep, "-o", png);
        Assert.Equal(2, new SvgContent(File.ReadAllText(svg)).Panels.Count);
        Assert.Equal((byte)'P', File.ReadAllBytes(png)[1]);
    }

    [Fact]
    public void PlotAndReportErrorsAreOneLine()
    {
        var unknown = CliRun.Of("plot", "pie", "sleepstudy", Sleep, "-o", "x.svg");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown plot kind 'pie'", unknown.Stderr);
        var noOutput = CliRun.Of("report", "sleepstudy", Sleep);
        Assert.Equal(2, noOutput.ExitCode);
        Assert.Contains("-o FILE", noOutput.Stderr);
        var noSpecs = CliRun.Of("plot", "emmip", "sleepstudy", Sleep, "-o", "x.svg");
        Assert.Equal(2, noSpecs.ExitCode);
        Assert.Contains("--emmeans", noSpecs.Stderr);
    }

    [Fact]
    public void ReportOfABinomialModelIsOneHtmlFile()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "cbpp.html");
        CliRun.Succeeding("report", "cbpp", "cbind(incidence, size - incidence) ~ period + (1 | herd)", "--family", "binomial", "-o", path);
        string html = File.ReadAllText(path);
        Assert.Contains("Binned residuals", html);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FitR2AddsTheLineAndTheJsonField()
    {
        var data = Datasets.Load("sleepstudy");
        var v = ExplainedVariance.Compute(LinearMixedModel.Fit(Sleep, data));
        var text = CliRun.Succeeding("fit", "sleepstudy", Sleep, "--r2");
        // the printed line rounds performance's values (performance.json, case sleepstudy_slopes) to 4 decimals
        var r = GoldenFile.Case("performance", "sleepstudy_slopes");
        string F(string name) => r.GetProperty(name).Number().ToString("F4", CultureInfo.InvariantCulture);
        Assert.Contains($"R2 (Nakagawa): marginal {F("r2_marginal")}, conditional {F("r2_conditional")}; " +
            $"ICC: adjusted {F("icc_adjusted")}, unadjusted {F("icc_unadjusted")}", text.Stdout);
        var json = CliRun.Json("fit", "sleepstudy", Sleep, "--r2");
        Assert.Equal(v.MarginalRSquared, json.GetProperty("r2").GetProperty("marginal").GetDouble(), 12);
        Assert.Equal(v.AdjustedIcc, json.GetProperty("r2").GetProperty("icc_adjusted").GetDouble(), 12);
        Assert.Equal(r.GetProperty("r2_conditional").Number(), json.GetProperty("r2").GetProperty("conditional").GetDouble(), 6);
    }
}
