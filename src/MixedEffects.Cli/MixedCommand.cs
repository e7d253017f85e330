using System.Reflection;
using System.Text;

namespace MixedEffects.Cli;

/// <summary>
/// The <c>mixed</c> command line: dispatches to a subcommand and turns errors into one line on standard error
/// ("mixed: error: ..." with exit code 2 for bad input, "mixed: internal error: ..." with exit code 1 otherwise).
/// </summary>
public static class MixedCommand
{
    /// <summary>Runs the tool with <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ICommand[] commands = [new FitCommand(), new DatasetsCommand()];
        try
        {
            if (args.Length == 0)
                throw new CommandLineException("no command given (see 'mixed --help')");
            switch (args[0])
            {
                case "--help" or "-h" or "help":
                    stdout.Write(Usage(commands));
                    return ExitCodes.Success;
                case "--version":
                    stdout.Write($"mixed {Version()}\n");
                    return ExitCodes.Success;
            }
            var command = commands.FirstOrDefault(c => c.Name == args[0])
                ?? throw new CommandLineException(args[0].StartsWith('-')
                    ? $"unknown option '{args[0]}' (see 'mixed --help')"
                    : $"unknown command '{args[0]}' (commands: {string.Join(", ", commands.Select(c => c.Name))})");
            return command.Execute(args[1..], stdout);
        }
        catch (Exception e) when (e is MixedEffectsException or CommandLineException)
        {
            stderr.Write($"mixed: error: {OneLine(e.Message)}\n");
            return ExitCodes.UserError;
        }
        catch (Exception e)
        {
            stderr.Write($"mixed: internal error: {e.GetType().Name}: {OneLine(e.Message)}\n");
            return ExitCodes.InternalError;
        }
    }

    private static string Usage(IEnumerable<ICommand> commands)
    {
        var text = new StringBuilder();
        text.Append("usage: mixed COMMAND [arguments]\n\n");
        text.Append("Linear mixed-effects models with lme4's numbers.\n\ncommands:\n");
        foreach (var c in commands) text.Append("  ").Append(c.Name.PadRight(10)).Append(c.Summary).Append('\n');
        text.Append("\noptions:\n  --help     show this help\n  --version  show the version\n\n");
        text.Append("Run 'mixed COMMAND --help' for a command's options.\n");
        return text.ToString();
    }

    private static string Version()
    {
        var assembly = typeof(MixedCommand).Assembly;
        var info = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (info is not null)
        {
            int plus = info.IndexOf('+', StringComparison.Ordinal);
            return plus > 0 ? info[..plus] : info;
        }
        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
