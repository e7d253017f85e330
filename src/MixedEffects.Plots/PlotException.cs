namespace MixedEffects.Plots;

/// <summary>A plot cannot be drawn for this model or these data (e.g. a shrinkage plot of a model without a random slope).</summary>
public sealed class PlotException : MixedEffectsException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public PlotException(string message) : base(message) { }
}
