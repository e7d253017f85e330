namespace MixedEffects;

/// <summary>
/// The model's factor cannot fit in memory: the message names the block of the factor, its order and the bytes it
/// would need.
/// </summary>
public sealed class ModelTooLargeException : MixedEffectsException
{
    /// <summary>Creates the exception.</summary>
    public ModelTooLargeException(string message) : base(message) { }
}
