using System.Diagnostics;
using Xunit.Sdk;

namespace MixedEffects.Tests.Packaging;

/// <summary>Runs the <c>dotnet</c> command line with a time limit and without build servers left behind.</summary>
internal static class DotnetProcess
{
    /// <summary>Runs <c>dotnet args</c> in <paramref name="directory"/>; returns standard output, fails on a non-zero exit.</summary>
    public static string Run(string directory, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new XunitException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"dotnet {string.Join(' ', args)} took longer than {limit}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new XunitException($"dotnet {string.Join(' ', args)} exited with {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }

    /// <summary>The repository's root: the nearest folder above the test binaries with MixedEffects.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MixedEffects.sln"))) return dir.FullName;
        throw new XunitException("MixedEffects.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>NuGet's global packages folder (NUGET_PACKAGES or ~/.nuget/packages), where restored dependencies are.</summary>
    public static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
