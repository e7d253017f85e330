namespace MixedEffects.Cli;

/// <summary>An option whose value may be left out; tells its values from other arguments.</summary>
internal interface IOptionalValue
{
    /// <summary>True when <paramref name="argument"/> is one of the option's values.</summary>
    bool Accepts(string argument);

    /// <summary>The value the option stands for when given without one.</summary>
    string ImpliedValue { get; }
}
