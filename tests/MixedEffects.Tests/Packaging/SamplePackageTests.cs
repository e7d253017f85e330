using System.Globalization;
using MixedEffects.Tests.Cli;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Packaging;

/// <summary>
/// samples/SleepStudy against the packed library: packs src/MixedEffects under a version of its own into a folder
/// feed, builds the sample from a copy with that feed as its only source, runs it and compares its sleepstudy fit
/// with lme4's (tests/reference/lmm.json case sleepstudy_slopes_reml). Both builds work on copies in a temporary
/// folder, with the restored packages there too: nothing of the repository's bin/obj or the user's package cache changes.
/// </summary>
[Trait("Category", "Packaging")]
public sealed class SamplePackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Fact]
    public void SampleBuildsAgainstThePackageAndFitsSleepstudy()
    {
        string root = DotnetProcess.RepositoryRoot();
        using var temp = new TempDirectory();
        string version = "0.0.0-sample." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        string feed = temp.Combine("feed");
        string library = CopyLibrarySources(root, temp.Combine("repository"));
        DotnetProcess.Run(library, Limit, "pack", "-c", "Release", "-o", feed, "--disable-build-servers", $"-p:Version={version}");
        Assert.True(File.Exists(Path.Combine(feed, $"MixedEffects.{version}.nupkg")));

        string sample = temp.Combine("SleepStudy");
        Directory.CreateDirectory(sample);
        foreach (var name in new[] { "SleepStudy.csproj", "Program.cs" })
            File.Copy(Path.Combine(root, "samples", "SleepStudy", name), Path.Combine(sample, name));
        File.Copy(Path.Combine(root, "samples", "Directory.Build.props"), temp.Combine("Directory.Build.props"));
        temp.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /><add key="feed" value="{feed}" /></packageSources>
            </configuration>
            """);
        DotnetProcess.Run(sample, Limit, "build", "-c", "Release", "--disable-build-servers", $"-p:MixedEffectsVersion={version}",
            $"-p:RestorePackagesPath={temp.Combine("packages")}",
            $"-p:RestoreAdditionalProjectFallbackFolders={DotnetProcess.GlobalPackagesFolder()}");

        string output = DotnetProcess.Run(sample, Limit, Path.Combine(sample, "bin", "Release", "net10.0", "SleepStudy.dll"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var golden = GoldenLmm.Case("sleepstudy_slopes_reml");
        Tolerance.Close(golden.GetProperty("REMLcrit").GetDouble(), Number(lines, "REML criterion: "), 1e-7, what: "REML criterion");
        Tolerance.Close(golden.GetProperty("sigma").GetDouble(), Number(lines, "sigma: "), 1e-4, what: "sigma");
        foreach (var fixedEffect in golden.GetProperty("fixed").EnumerateArray())
        {
            string term = fixedEffect.GetProperty("term").GetString()!;
            string line = Assert.Single(lines, l => l.StartsWith($"fixed {term}: ", StringComparison.Ordinal));
            double estimate = double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture);
            Tolerance.Close(fixedEffect.GetProperty("estimate").GetDouble(), estimate, 1e-5, what: term);
        }
    }

    /// <summary>Copies what packing the library reads (its project and sources, the datasets, the build settings) without bin/obj.</summary>
    private static string CopyLibrarySources(string root, string copy)
    {
        File.Copy(Path.Combine(root, "Directory.Build.props"), Path.Combine(Directory.CreateDirectory(copy).FullName, "Directory.Build.props"));
        CopyTree(Path.Combine(root, "data"), Path.Combine(copy, "data"));
        string library = Path.Combine(copy, "src", "MixedEffects");
        CopyTree(Path.Combine(root, "src", "MixedEffects"), library);
        return library;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            if (Path.GetFileName(dir) is not ("bin" or "obj")) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    private static double Number(string[] lines, string prefix) =>
        double.Parse(Assert.Single(lines, l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..], CultureInfo.InvariantCulture);
}
