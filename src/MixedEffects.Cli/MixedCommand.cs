using System.CommandLine;
using System.CommandLine.Help;

namespace MixedEffects.Cli;

/// <summary>
/// The <c>mixed</c> command line on System.CommandLine: dispatches to a subcommand and turns errors into one line on
/// standard error ("mixed: error: ..." with exit code 2 for bad input, "mixed: internal error: ..." with exit code 1
/// otherwise).
/// </summary>
/// <remarks>
/// A new subcommand is a <see cref="DocumentedCommand"/> (its arguments, options and action in its constructor)
/// added to the list in <see cref="CreateRoot"/>; help, <c>mixed help NAME</c>, tab completion and the error format
/// come with it. Options of <c>mixed fit</c> are declared in <see cref="FitOptionsParser"/>.
/// </remarks>
public static class MixedCommand
{
    private static readonly ParserConfiguration Parsing = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>Runs the tool with <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var root = CreateRoot();
            var parsed = root.Parse(CliOption.SeparateOptionalValues(args, root), Parsing);
            if (parsed.Action is not { ClearsParseErrors: true } && UsageErrors.FirstMessage(parsed) is string message)
                throw new CommandLineException(message);
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
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

    /// <summary>The command tree: <c>mixed</c> with its subcommands, <c>--help</c> and <c>--version</c>.</summary>
    private static RootCommand CreateRoot()
    {
        DocumentedCommand[] commands =
        [
            new FitCommand(), new PlotCommand(), new ReportCommand(), new DatasetsCommand(),
            new LeastSquaresCommand(perGroup: false), new LeastSquaresCommand(perGroup: true), new GeneralizedLeastSquaresCommand(), new CompletionCommand(),
        ];
        var root = new RootCommand("Linear mixed-effects models with lme4's numbers.");
        root.Options.Clear();
        root.Options.Add(new HelpOption("--help", "-h") { Action = new HelpAction() });
        root.Options.Add(new VersionOption("--version") { Action = new VersionAction() });
        foreach (var command in commands) root.Subcommands.Add(command);
        root.Subcommands.Add(new HelpCommand([.. commands.Select(c => c.Name), "help"]));
        root.SetAction(NoCommand);
        return root;
    }

    private static int NoCommand(ParseResult parsed) => throw new CommandLineException("no command given (see 'mixed --help')");

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
