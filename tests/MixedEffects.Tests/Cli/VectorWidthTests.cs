using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;
using Xunit.Sdk;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// The fit does not depend on the processor's vector width: the mixed command runs as a separate process with the
/// runtime's defaults, with 512-bit vectors switched off (DOTNET_EnableAVX512F=0) and with all vector hardware switched
/// off (DOTNET_EnableHWIntrinsic=0, the scalar kernels), on a crossed design whose dense block (order 333) takes the
/// blocked, two-thread path of the dense Cholesky, and on a nested design with a vector-valued term (sparse front
/// only). The criterion must agree to 1e-10 relative, and the estimates to 1e-6.
/// </summary>
public class VectorWidthTests
{
    private static readonly string[][] Environments =
    [
        [],
        ["DOTNET_EnableAVX512F", "0"],
        ["DOTNET_EnableHWIntrinsic", "0"],
    ];

    [Fact]
    public void CrossedFitIsTheSameAtEveryVectorWidth() =>
        AssertSameAtEveryWidth(CrossedData(), "y ~ x + (1 | a) + (1 | b)", "deviance", "--ml");

    [Fact]
    public void NestedFitIsTheSameAtEveryVectorWidth() =>
        AssertSameAtEveryWidth(NestedData(), "y ~ x + (1 + x | g) + (1 | g:h)", "REMLcrit");

    private static void AssertSameAtEveryWidth(string csv, string formula, string criterion, params string[] extra)
    {
        using var dir = new TempDirectory();
        string path = dir.File("data.csv", csv);
        var runs = Environments.Select(env => Fit(path, formula, extra, env)).ToArray();
        double reference = runs[0].GetProperty(criterion).GetDouble();
        var fixedEffects = Estimates(runs[0]);
        for (int i = 1; i < runs.Length; i++)
        {
            double value = runs[i].GetProperty(criterion).GetDouble();
            Assert.True(Math.Abs(value - reference) <= 1e-10 * Math.Abs(reference),
                $"{string.Join('=', Environments[i])}: {criterion} {value:R} against {reference:R}");
            var estimates = Estimates(runs[i]);
            for (int j = 0; j < estimates.Length; j++)
                Assert.True(Math.Abs(estimates[j] - fixedEffects[j]) <= 1e-6 * Math.Max(1, Math.Abs(fixedEffects[j])),
                    $"{string.Join('=', Environments[i])}: estimate {j} {estimates[j]:R} against {fixedEffects[j]:R}");
        }
    }

    private static double[] Estimates(JsonElement report) =>
        report.GetProperty("fixed").EnumerateArray().Select(e => e.GetProperty("estimate").GetDouble()).ToArray();

    /// <summary>Runs <c>mixed fit</c> in its own process with <paramref name="env"/> set and parses the JSON report.</summary>
    private static JsonElement Fit(string data, string formula, string[] extra, string[] env)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "mixed.dll"), "fit", data, formula, "--ddf", "none", "--format", "json" })
            start.ArgumentList.Add(a);
        foreach (var a in extra) start.ArgumentList.Add(a);
        for (int i = 0; i < env.Length; i += 2) start.Environment[env[i]] = env[i + 1];
        using var process = Process.Start(start) ?? throw new XunitException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"mixed fit with {string.Join('=', env)} took longer than 5 minutes");
        }
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"mixed fit with {string.Join('=', env)} exited with {process.ExitCode}: {stderr.Result}");
        using var doc = JsonDocument.Parse(stdout.Result);
        return doc.RootElement.Clone();
    }

    /// <summary>400 x 330 crossed levels, 6000 rows: the second term's 330 levels form the dense block.</summary>
    private static string CrossedData()
    {
        var random = new Random(20261204);
        var ea = Enumerable.Range(0, 400).Select(_ => Normal(random) * 0.7).ToArray();
        var eb = Enumerable.Range(0, 330).Select(_ => Normal(random) * 0.5).ToArray();
        var csv = new StringBuilder("y,x,a,b\n");
        for (int r = 0; r < 6000; r++)
        {
            int a = random.Next(400), b = random.Next(330);
            double x = Normal(random);
            double y = 2 + 0.3 * x + ea[a] + eb[b] + Normal(random);
            csv.Append(CultureInfo.InvariantCulture, $"{y:R},{x:R},a{a},b{b}\n");
        }
        return csv.ToString();
    }

    /// <summary>40 groups, 300 subgroups nested in them, a random slope per group, 3000 rows.</summary>
    private static string NestedData()
    {
        var random = new Random(20261205);
        var groupOf = Enumerable.Range(0, 300).Select(_ => random.Next(40)).ToArray();
        var e0 = Enumerable.Range(0, 40).Select(_ => Normal(random)).ToArray();
        var e1 = Enumerable.Range(0, 40).Select(_ => Normal(random) * 0.4).ToArray();
        var eh = Enumerable.Range(0, 300).Select(_ => Normal(random) * 0.6).ToArray();
        var csv = new StringBuilder("y,x,g,h\n");
        for (int r = 0; r < 3000; r++)
        {
            int h = random.Next(300), g = groupOf[h];
            double x = Normal(random);
            double y = 1 + 0.5 * x + e0[g] + e1[g] * x + eh[h] + Normal(random);
            csv.Append(CultureInfo.InvariantCulture, $"{y:R},{x:R},g{g},h{h}\n");
        }
        return csv.ToString();
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
