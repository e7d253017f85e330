using System.CommandLine;
using System.CommandLine.Invocation;

namespace MixedEffects.Cli;

/// <summary>What <c>--help</c> (<c>-h</c>) does on any command: prints <see cref="HelpText"/> for it.</summary>
internal sealed class HelpAction : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override bool ClearsParseErrors => true;

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        parseResult.InvocationConfiguration.Output.Write(command is DocumentedCommand documented
            ? HelpText.Of(documented)
            : HelpText.Overview(parseResult.RootCommandResult.Command));
        return ExitCodes.Success;
    }
}
