using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Plots.Reports;
using Xunit;

namespace MixedEffects.Tests.Plots;

/// <summary>The HTML report: self-contained (no http(s) reference, no script), with its sections, and rendered by headless Chromium.</summary>
public class ReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly Lazy<string> SleepReport = new(() =>
    {
        var data = Datasets.Load("sleepstudy");
        return ModelReport.Build(LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", data), data,
            new ModelReportOptions { DataName = "sleepstudy" });
    });

    [Fact]
    public void ReportIsSelfContained()
    {
        string html = SleepReport.Value;
        Assert.DoesNotMatch(new Regex("https?:", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ReportHasTheSectionsAndTheRSquaredOfTheFit()
    {
        string html = SleepReport.Value;
        foreach (var section in new[] { "Summary", "Fixed effects", "Variance components", "R-squared and intraclass correlation", "Diagnostics", "Random effects" })
            Assert.Contains($"<h2>{section}</h2>", html);
        var data = Datasets.Load("sleepstudy");
        var v = ExplainedVariance.Compute(LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", data));
        Assert.Contains(v.MarginalRSquared.ToString("0.0000", CultureInfo.InvariantCulture), html);
        Assert.Contains(v.ConditionalRSquared.ToString("0.0000", CultureInfo.InvariantCulture), html);
        Assert.Equal(7, Regex.Matches(html, "<figure>").Count);
    }

    private static readonly Lazy<string> CbppReport = new(() =>
    {
        var data = Datasets.Load("cbpp");
        return ModelReport.Build(GeneralizedLinearMixedModel.Fit("cbind(incidence, size - incidence) ~ period + (1 | herd)", data), data,
            new ModelReportOptions { DataName = "cbpp" });
    });

    [SkippableTheory]
    [InlineData("sleepstudy", 7)]
    [InlineData("cbpp", 7)]
    public void ChromiumRendersEveryFigureWithoutConsoleMessages(string dataset, int figures)
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (Debian package chromium; .ci/run installs it)");
        using var dir = new Cli.TempDirectory();
        string probe = """
            <pre id="probe"></pre><script>
            var boxes = Array.from(document.querySelectorAll('svg.figure')).map(function (s) {
              var r = s.getBoundingClientRect(); return Math.round(r.width) + 'x' + Math.round(r.height); });
            document.getElementById('probe').textContent = 'FIGURES ' + boxes.join(' ') + ' END';
            </script>
            """;
        string path = Path.Combine(dir.Path, "report.html");
        string html = dataset == "cbpp" ? CbppReport.Value : SleepReport.Value;
        Assert.Equal(figures, Regex.Matches(html, "<figure>").Count);
        File.WriteAllText(path, html.Replace("</body>", probe + "</body>", StringComparison.Ordinal));
        var (dom, log) = Render(path);
        var match = Regex.Match(dom, "FIGURES (.*?) END");
        Assert.True(match.Success, "the page did not run the probe: " + log);
        var boxes = match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(figures, boxes.Length);
        Assert.All(boxes, b => Assert.DoesNotMatch("^0x|x0$", b));
        var console = log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray();
        Assert.Empty(console);
    }

    private static (string Dom, string Log) Render(string path)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                     "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom", new Uri(path).AbsoluteUri })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 s");
        }
        return (stdout.Result, stderr.Result);
    }
}
