using System.CommandLine;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed completion bash|zsh</c>: prints a shell script that completes <c>mixed</c>'s commands, options and their
/// values on tab, by asking <c>mixed</c> itself (System.CommandLine's <c>[suggest]</c> directive).
/// </summary>
internal sealed class CompletionCommand : DocumentedCommand
{
    private const string BashScript = """
        _mixed_complete() {
            local cur="${COMP_WORDS[COMP_CWORD]}" line="${COMP_LINE:0:COMP_POINT}" IFS=$'\n'
            line="${line#*[[:space:]]}"
            COMPREPLY=($(compgen -W "$(mixed "[suggest:${#line}]" "$line" 2>/dev/null)" -- "$cur"))
        }
        complete -o default -F _mixed_complete mixed

        """;

    private readonly Argument<string> _shell = new("SHELL") { Description = "bash or zsh" };

    /// <summary>Creates the command.</summary>
    public CompletionCommand() : base("completion", "print the tab-completion script of a shell (bash, zsh)",
        "Prints a script that completes mixed's commands, options, option values and built-in datasets on tab.\n"
        + "Add to ~/.bashrc:  eval \"$(mixed completion bash)\"   (zsh: ~/.zshrc with 'zsh')")
    {
        _shell.CompletionSources.Add("bash", "zsh");
        Arguments.Add(_shell);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        string shell = parsed.GetRequiredValue(_shell);
        string script = shell switch
        {
            "bash" => BashScript,
            "zsh" => "autoload -U +X bashcompinit && bashcompinit\n" + BashScript,
            _ => throw new CommandLineException($"unknown shell '{shell}' (expected bash or zsh)"),
        };
        parsed.InvocationConfiguration.Output.Write(script);
        return ExitCodes.Success;
    }
}
