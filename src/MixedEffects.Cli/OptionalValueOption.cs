using System.CommandLine;

namespace MixedEffects.Cli;

/// <summary>
/// An option whose value may be left out (<c>--anova</c>, <c>--anova II</c>). The parser gives such an option the
/// next argument whatever it is; <see cref="CliOption.SeparateOptionalValues"/> runs before it and writes
/// <c>--anova=III</c> (the implied value) when the next argument is not one of the option's values, so that argument
/// stays a positional.
/// </summary>
internal sealed class OptionalValueOption<T> : Option<T>, IOptionalValue
{
    private readonly Predicate<string> _accepts;

    /// <summary>Creates the option; <paramref name="accepts"/> tells its values from other arguments.</summary>
    public OptionalValueOption(string name, Predicate<string> accepts, string impliedValue) : base(name)
    {
        _accepts = accepts;
        ImpliedValue = impliedValue;
    }

    /// <inheritdoc/>
    public string ImpliedValue { get; }

    /// <inheritdoc/>
    public bool Accepts(string argument) => _accepts(argument);
}
