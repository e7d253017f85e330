using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace MixedEffects.Cli;

/// <summary>What <c>mixed --version</c> does: prints <c>mixed X.Y.Z</c>.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.Write($"mixed {Version()}\n");
        return ExitCodes.Success;
    }

    private static string Version()
    {
        var assembly = typeof(VersionAction).Assembly;
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (info is not null)
        {
            int plus = info.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? info[..plus] : info;
        }
        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
