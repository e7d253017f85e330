namespace MixedEffects.Inference;

/// <summary>Settings of the parametric bootstrap.</summary>
public sealed record BootstrapOptions
{
    /// <summary>Number of simulated data sets (lme4's <c>nsim</c>, default 500).</summary>
    public int Replicates { get; init; } = 500;

    /// <summary>Seed: replicate i uses a generator seeded from (Seed, i), so results do not depend on thread scheduling.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Confidence level of the percentile intervals (default 0.95).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>Receives the number of replicates finished so far, or null.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Maximum number of threads; null for the runtime's default.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
