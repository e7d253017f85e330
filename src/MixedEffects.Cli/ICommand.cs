namespace MixedEffects.Cli;

/// <summary>A subcommand of <c>mixed</c>.</summary>
internal interface ICommand
{
    /// <summary>The word that selects the command, e.g. <c>fit</c>.</summary>
    string Name { get; }

    /// <summary>One-line description for <c>mixed --help</c>.</summary>
    string Summary { get; }

    /// <summary>The command's help text.</summary>
    string Help { get; }

    /// <summary>Runs the command with the arguments after its name; returns the exit code.</summary>
    int Execute(IReadOnlyList<string> args, TextWriter stdout);
}
