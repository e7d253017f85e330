using System.Text.Json;
using MixedEffects.Cli;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary>Runs the mixed command in-process and captures its output.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = MixedCommand.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the command and asserts exit code 0 (standard error shown otherwise).</summary>
    public static CliRun Succeeding(params string[] args)
    {
        var run = Of(args);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return run;
    }

    /// <summary>Runs the command with <c>--format json</c> appended, asserts success and parses the report.</summary>
    public static JsonElement Json(params string[] args)
    {
        var run = Succeeding([.. args, "--format", "json"]);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.Clone();
    }

    public string[] StdoutLines => Stdout.Split('\n');
}
