using System.CommandLine;
using System.CommandLine.Parsing;

namespace MixedEffects.Cli;

/// <summary>
/// Turns a parse of the command line into the one message the user sees, in this order: an unknown option, an option
/// without its value (naming what it expects), a missing argument, an argument too many, then the first value that
/// failed its option's check.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The message for the first problem of <paramref name="parsed"/>, or null when it has none.</summary>
    public static string? FirstMessage(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (UnknownOption(parsed) is string unknown)
            return command is RootCommand
                ? $"unknown option '{unknown}' (see 'mixed --help')"
                : $"unknown option '{unknown}' for '{command.Name}' (see 'mixed {command.Name} --help')";
        foreach (var error in parsed.Errors)
            if (OptionOf(error.SymbolResult) is { Implicit: false } result && result.Option.Arity.MinimumNumberOfValues > 0
                && (result.Tokens.Count == 0 || CliOption.IsOptionName(result, result.Tokens[0].Value)))
                return CliOption.NeedsValue(result.Option);
        var missing = command.Arguments
            .Where(a => a.Arity.MinimumNumberOfValues > 0 && parsed.GetResult(a) is not { Tokens.Count: > 0 })
            .Select(a => a.Name).ToList();
        if (missing.Count > 0)
            return $"missing argument{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing)} (usage: {HelpText.Usage(command)})";
        if (parsed.UnmatchedTokens.Count > 0)
            return command is DocumentedCommand documented
                ? $"unexpected argument '{parsed.UnmatchedTokens[0]}'{documented.ExtraArgumentHint}"
                : HelpText.UnknownCommand(command, parsed.UnmatchedTokens[0]);
        return parsed.Errors.Count > 0 ? parsed.Errors[0].Message : null;
    }

    private static OptionResult? OptionOf(SymbolResult? result) => result switch
    {
        OptionResult option => option,
        ArgumentResult { Parent: OptionResult option } => option,
        _ => null,
    };

    /// <summary>
    /// The first argument before <c>--</c> that is spelled as an option (<c>--bogus</c>, not <c>-0.9</c>) but is no
    /// option's name or value; the parser would otherwise take it as DATA or FORMULA.
    /// </summary>
    private static string? UnknownOption(ParseResult parsed)
    {
        var values = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        CollectOptionValues(parsed.RootCommandResult, values);
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) break;
            string text = token.Value;
            if (token.Type == TokenType.Argument && text.Length > 1 && text[0] == '-' && !CliOption.IsNumber(text) && !values.Contains(token))
            {
                int eq = text.IndexOf('=', StringComparison.Ordinal);
                return text.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? text[..eq] : text;
            }
        }
        return null;
    }

    private static void CollectOptionValues(SymbolResult result, HashSet<Token> values)
    {
        if (result is OptionResult option) values.UnionWith(option.Tokens);
        if (result is CommandResult command)
            foreach (var child in command.Children) CollectOptionValues(child, values);
    }
}
