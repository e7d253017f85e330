using System.CommandLine;

namespace MixedEffects.Cli;

/// <summary><c>mixed help [COMMAND]</c>: the help of a command, or the overview; the same as <c>mixed COMMAND --help</c>.</summary>
internal sealed class HelpCommand : DocumentedCommand
{
    private readonly Argument<string?> _command = new("COMMAND")
    {
        Description = "the command to describe",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Creates the command; <paramref name="commandNames"/> complete its argument on tab.</summary>
    public HelpCommand(IEnumerable<string> commandNames)
        : base("help", "show the help of a command ('mixed help fit')", "Shows the help of COMMAND, or the overview without one.")
    {
        _command.CompletionSources.Add([.. commandNames]);
        Arguments.Add(_command);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        var root = parsed.RootCommandResult.Command;
        string? name = parsed.GetValue(_command);
        var output = parsed.InvocationConfiguration.Output;
        if (name is null)
        {
            output.Write(HelpText.Overview(root));
            return ExitCodes.Success;
        }
        var command = root.Subcommands.OfType<DocumentedCommand>().FirstOrDefault(c => c.Name == name)
            ?? throw new CommandLineException(HelpText.UnknownCommand(root, name));
        output.Write(HelpText.Of(command));
        return ExitCodes.Success;
    }
}
