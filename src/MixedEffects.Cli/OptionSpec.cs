namespace MixedEffects.Cli;

/// <summary>One option a command accepts.</summary>
/// <param name="Name">The long name with its dashes, e.g. <c>--format</c>.</param>
/// <param name="ValueName">Placeholder of the option's value in help, or null for a flag.</param>
/// <param name="Description">One-line help text.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description)
{
    /// <summary>True when the option takes a value.</summary>
    public bool TakesValue => ValueName is not null;
}
