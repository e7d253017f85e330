namespace MixedEffects.Cli;

/// <summary>One option a command accepts.</summary>
/// <param name="Name">The long name with its dashes, e.g. <c>--format</c>.</param>
/// <param name="ValueName">Placeholder of the option's value in help, or null for a flag.</param>
/// <param name="Description">One-line help text.</param>
/// <param name="OptionalValue">
/// For an option whose value may be left out (<c>--anova</c> or <c>--anova II</c>): accepts the next argument
/// as the value; null when the value, if any, is required.
/// </param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, Predicate<string>? OptionalValue = null)
{
    /// <summary>True when the option takes a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>True when the option takes a value that may be left out.</summary>
    public bool ValueIsOptional => OptionalValue is not null;

    /// <summary>The option as help shows it: <c>--name VALUE</c>, <c>--name [VALUE]</c> or <c>--name</c>.</summary>
    public string Usage => ValueName is null ? Name : ValueIsOptional ? $"{Name} [{ValueName}]" : $"{Name} {ValueName}";
}
