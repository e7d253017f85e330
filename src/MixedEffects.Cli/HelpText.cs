using System.CommandLine;
using System.CommandLine.Help;
using System.Text;

namespace MixedEffects.Cli;

/// <summary>
/// The help texts of <c>mixed</c>, drawn from the commands' declarations: the overview lists the subcommands, a
/// command's help its usage, details, arguments and options (<c>--name VALUE</c>, <c>--name [VALUE]</c>).
/// </summary>
internal static class HelpText
{
    /// <summary>The overview: <c>mixed --help</c>, <c>mixed help</c>.</summary>
    public static string Overview(Command root)
    {
        var text = new StringBuilder();
        text.Append("usage: mixed COMMAND [arguments]\n\n");
        text.Append("Linear mixed-effects models with lme4's numbers.\n\ncommands:\n");
        var commands = root.Subcommands;
        int width = commands.Max(c => c.Name.Length) + 2;
        foreach (var c in commands) text.Append("  ").Append(c.Name.PadRight(width)).Append(c.Description).Append('\n');
        text.Append("\noptions:\n  --help     show this help\n  --version  show the version\n\n");
        text.Append("Run 'mixed COMMAND --help' or 'mixed help COMMAND' for a command's options.\n");
        return text.ToString();
    }

    /// <summary>A command's help: <c>mixed fit --help</c>, <c>mixed help fit</c>.</summary>
    public static string Of(DocumentedCommand command)
    {
        var text = new StringBuilder();
        text.Append("usage: ").Append(Usage(command)).Append("\n\n").Append(command.Details).Append('\n');
        if (command.Arguments.Count > 0)
        {
            text.Append('\n');
            int width = command.Arguments.Max(a => a.Name.Length) + 2;
            foreach (var a in command.Arguments) Entry(text, a.Name, a.Description, width);
        }
        var options = command.Options.Where(o => o is not HelpOption)
            .Select(o => (Usage: CliOption.Usage(o), o.Description)).Append((Usage: "--help", Description: "show this help")).ToList();
        text.Append("\noptions:\n");
        int optionWidth = options.Max(o => o.Usage.Length) + 2;
        foreach (var (usage, description) in options) Entry(text, usage, description, optionWidth);
        return text.ToString();
    }

    /// <summary>The usage line of a command without "usage: ", e.g. <c>mixed fit DATA FORMULA [options]</c>.</summary>
    public static string Usage(Command command)
    {
        if (command is RootCommand) return "mixed COMMAND [arguments]";
        var usage = new StringBuilder("mixed ").Append(command.Name);
        foreach (var a in command.Arguments)
            usage.Append(' ').Append(a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : a.Name);
        if (command.Options.Any(o => o is not HelpOption)) usage.Append(" [options]");
        return usage.ToString();
    }

    /// <summary>The message for a command name that is not one of <paramref name="root"/>'s subcommands.</summary>
    public static string UnknownCommand(Command root, string name) =>
        $"unknown command '{name}' (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))})";

    private static void Entry(StringBuilder text, string name, string? description, int width)
    {
        var lines = (description ?? "").Split('\n');
        text.Append("  ").Append(name.PadRight(width)).Append(lines[0]).Append('\n');
        foreach (var line in lines.Skip(1)) text.Append(' ', width + 2).Append(line).Append('\n');
    }
}
