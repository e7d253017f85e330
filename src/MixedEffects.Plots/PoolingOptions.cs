namespace MixedEffects.Plots;

/// <summary>What a pooling plot overlays on the data and the mixed model's line in each group's panel.</summary>
public sealed record PoolingOptions
{
    /// <summary>Draw the complete-pooling line (one ordinary least-squares fit to all groups). Default true.</summary>
    public bool CompletePooling { get; init; } = true;

    /// <summary>Draw the no-pooling lines (a separate least-squares fit in each group). Default true.</summary>
    public bool NoPooling { get; init; } = true;

    /// <summary>At most this many groups get a panel (the first levels); the figure's note says when some are left out. Default 48.</summary>
    public int MaxPanels { get; init; } = 48;
}
