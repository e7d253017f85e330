namespace MixedEffects.Cli;

/// <summary>A command line split into positional arguments, flags and option values.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    /// <summary>Creates the parsed form.</summary>
    public ParsedArguments(IReadOnlyList<string> positionals, Dictionary<string, string> values, HashSet<string> flags)
    {
        Positionals = positionals;
        _values = values;
        _flags = flags;
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>True when the flag was given.</summary>
    public bool Has(string name) => _flags.Contains(name) || _values.ContainsKey(name);

    /// <summary>The value of an option (the last one when repeated), or null.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var v) ? v : null;
}
