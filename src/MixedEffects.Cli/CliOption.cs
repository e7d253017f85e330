using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MixedEffects.Cli;

/// <summary>
/// Builds the typed options of the <c>mixed</c> commands: flags, options with a value, options whose value may be
/// left out. A value is converted by a parse function that throws <see cref="CommandLineException"/> with the
/// one-line message the user sees; values listed in the value name (<c>text|json</c>) complete on tab.
/// </summary>
internal static class CliOption
{
    /// <summary>A flag: <c>--name</c>, no value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option with a required value (<c>--name VALUE</c> or <c>--name=VALUE</c>).</summary>
    /// <param name="name">The long name with its dashes.</param>
    /// <param name="valueName">Placeholder of the value in help (<c>P</c>, <c>text|json</c>).</param>
    /// <param name="description">One-line help text.</param>
    /// <param name="parse">Converts the value; throws <see cref="CommandLineException"/> for a bad one.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="choices">Values offered on tab; by default the ones the value name lists (<c>text|json</c>).</param>
    public static Option<T> Value<T>(string name, string valueName, string description, Func<string, T> parse, T defaultValue,
        params string[] choices)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.ExactlyOne,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => Convert(result, parse, defaultValue),
        };
        AddChoices(option, valueName, choices);
        return option;
    }

    /// <summary>An option that may be given several times, one value each time; the values in order (empty when absent).</summary>
    public static Option<string[]> Repeated(string name, string valueName, string description, Func<string, string> parse)
    {
        var option = new Option<string[]>(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                var values = new List<string>();
                foreach (var token in result.Tokens)
                {
                    if (result.Parent is OptionResult given && IsOptionName(given, token.Value))
                    {
                        result.AddError(NeedsValue(given.Option));
                        return [];
                    }
                    try
                    {
                        values.Add(parse(token.Value));
                    }
                    catch (CommandLineException e)
                    {
                        result.AddError(e.Message);
                        return [];
                    }
                }
                return values.ToArray();
            },
        };
        AddChoices(option, valueName, []);
        return option;
    }

    /// <summary>
    /// An option whose value may be left out (<c>--anova</c> or <c>--anova II</c>): it takes the next argument only
    /// when <paramref name="accepts"/> says it is one of its values, so <c>--anova DATA</c> leaves DATA a positional
    /// (see <see cref="OptionalValueOption{T}"/>).
    /// </summary>
    /// <param name="name">The long name with its dashes.</param>
    /// <param name="valueName">Placeholder of the value in help.</param>
    /// <param name="description">One-line help text.</param>
    /// <param name="accepts">True for the option's values.</param>
    /// <param name="impliedValue">The value when the option is given without one (<c>III</c>).</param>
    /// <param name="parse">Converts the value; throws <see cref="CommandLineException"/> for a bad one.</param>
    public static Option<T> OptionalValue<T>(string name, string valueName, string description, Predicate<string> accepts,
        string impliedValue, Func<string, T> parse)
    {
        var option = new OptionalValueOption<T>(name, accepts, impliedValue)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result => Convert(result, parse, parse(impliedValue)),
        };
        AddChoices(option, valueName, []);
        return option;
    }

    /// <summary>
    /// The arguments with each optional-value option of <paramref name="root"/>'s commands (several commands may share
    /// one, e.g. fit, plot and report) that is not followed by
    /// one of its values given its implied value (<c>--anova=III</c>); arguments after <c>--</c> are left as they are.
    /// </summary>
    public static string[] SeparateOptionalValues(string[] args, Command root)
    {
        var options = root.Subcommands.SelectMany(c => c.Options).OfType<IOptionalValue>()
            .SelectMany(o => ((Option)o).Aliases.Append(((Option)o).Name).Select(name => (name, o)))
            .GroupBy(p => p.name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().o, StringComparer.Ordinal);
        var result = (string[])args.Clone();
        for (int i = 0; i + 1 < result.Length; i++)
        {
            if (result[i] == "--") break;
            if (options.TryGetValue(result[i], out var option) && !option.Accepts(result[i + 1]))
                result[i] += "=" + option.ImpliedValue;
        }
        return result;
    }
    /// <summary>
    /// True when <paramref name="text"/>, taken by the parser as the value of <paramref name="option"/>, is the name
    /// of an option of the same command (<c>--level --format json</c>): the value was left out.
    /// </summary>
    public static bool IsOptionName(OptionResult option, string text)
    {
        for (var command = option.Parent as CommandResult; command is not null; command = command.Parent as CommandResult)
            if (command.Command.Options.Any(o => o.Name == text || o.Aliases.Contains(text)))
                return true;
        return false;
    }

    /// <summary>The message for an option given without its value: names the option and what it expects.</summary>
    public static string NeedsValue(Option option) =>
        $"option '{option.Name}' needs a value, {option.HelpName}: {option.Description}";

    /// <summary>True when the option was given on the command line (not just defaulted).</summary>
    public static bool Given(this ParseResult parsed, Option option) => parsed.GetResult(option) is { Implicit: false };

    /// <summary>True for a text that reads as a number (<c>-0.9</c>): a value, never an option.</summary>
    public static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The option as help shows it: <c>--name VALUE</c>, <c>--name [VALUE]</c> or <c>--name</c>.</summary>
    public static string Usage(Option option) => option.Arity.MaximumNumberOfValues == 0 || option.HelpName is null
        ? option.Name
        : option.Arity.MinimumNumberOfValues == 0 ? $"{option.Name} [{option.HelpName}]" : $"{option.Name} {option.HelpName}";

    private static T Convert<T>(ArgumentResult result, Func<string, T> parse, T defaultValue)
    {
        if (result.Tokens.Count == 0) return defaultValue;
        if (result.Parent is OptionResult given && IsOptionName(given, result.Tokens[0].Value))
        {
            result.AddError(NeedsValue(given.Option));
            return defaultValue;
        }
        try
        {
            return parse(result.Tokens[0].Value);
        }
        catch (CommandLineException e)
        {
            result.AddError(e.Message);
            return defaultValue;
        }
    }

    private static void AddChoices(Option option, string valueName, string[] choices)
    {
        option.CompletionSources.Clear();
        if (choices.Length > 0) option.CompletionSources.Add(choices);
        else if (valueName.Contains('|', StringComparison.Ordinal)) option.CompletionSources.Add(valueName.Split('|'));
    }
}
