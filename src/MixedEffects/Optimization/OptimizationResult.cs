namespace MixedEffects.Optimization;

/// <summary>The outcome of one minimization. Arrays are private copies: changing them does not affect the optimizer.</summary>
public sealed record OptimizationResult
{
    /// <summary>The best point found (a copy).</summary>
    public required double[] Minimizer { get; init; }

    /// <summary>The objective value at <see cref="Minimizer"/>.</summary>
    public required double Minimum { get; init; }

    /// <summary>Number of objective evaluations used.</summary>
    public required int Evaluations { get; init; }

    /// <summary>The starting point actually used (after moving it inside the bounds), a copy.</summary>
    public required double[] InitialPoint { get; init; }

    /// <summary>The objective value at <see cref="InitialPoint"/>.</summary>
    public required double InitialValue { get; init; }

    /// <summary>The gradient at <see cref="Minimizer"/> when the optimizer computed it (a copy), otherwise null.</summary>
    public double[]? Gradient { get; init; }

    /// <summary>Why the optimizer stopped.</summary>
    public required OptimizationReturnCode ReturnCode { get; init; }

    /// <summary>A one-line description of the stop, e.g. "trust-region radius reached 1e-07".</summary>
    public required string Message { get; init; }
}
