namespace MixedEffects.Cli;

/// <summary>
/// Splits arguments by a command's option table: <c>--name value</c>, <c>--name=value</c>, flags, and positionals;
/// <c>--</c> ends the options. An option with an optional value takes the next argument only when the option
/// accepts it. Unknown options and missing values are usage errors.
/// </summary>
internal static class ArgumentParser
{
    /// <summary>Parses <paramref name="args"/> for the command named <paramref name="command"/>.</summary>
    /// <exception cref="CommandLineException">Unknown option, flag given a value, or option without a value.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> options, string command)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        bool optionsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-' || IsNumber(arg))
            {
                positionals.Add(arg);
                continue;
            }
            if (arg == "--") { optionsEnded = true; continue; }
            string name = arg, inlineValue = "";
            bool hasInline = false;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                inlineValue = arg[(eq + 1)..];
                hasInline = true;
            }
            var spec = options.FirstOrDefault(o => o.Name == name)
                ?? throw new CommandLineException($"unknown option '{name}' for '{command}' (see 'mixed {command} --help')");
            if (!spec.TakesValue)
            {
                if (hasInline) throw new CommandLineException($"option '{name}' does not take a value");
                flags.Add(name);
            }
            else if (hasInline) values[name] = inlineValue;
            else if (spec.OptionalValue is not null)
            {
                if (i + 1 < args.Count && !optionsEnded && spec.OptionalValue(args[i + 1])) values[name] = args[++i];
                else flags.Add(name);
            }
            else if (i + 1 < args.Count) values[name] = args[++i];
            else throw new CommandLineException($"option '{name}' needs a value ({spec.ValueName})");
        }
        return new ParsedArguments(positionals, values, flags);
    }

    private static bool IsNumber(string s) =>
        double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
