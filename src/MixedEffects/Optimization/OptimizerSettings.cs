namespace MixedEffects.Optimization;

/// <summary>
/// Stopping rules and step sizes shared by the derivative-free optimizers.
/// The defaults reproduce lme4's optimum of the profiled deviance to about 1e-12 relative.
/// </summary>
public sealed record OptimizerSettings
{
    /// <summary>Settings with every default value.</summary>
    public static OptimizerSettings Default { get; } = new();

    /// <summary>
    /// Initial trust-region radius (Powell's RHOBEG), also the initial simplex edge of Nelder-Mead and the
    /// initial bracketing step of the one-dimensional search. It is capped at half the smallest range
    /// <c>upper - lower</c>. Default 0.2.
    /// </summary>
    public double InitialTrustRadius { get; init; } = 0.2;

    /// <summary>
    /// Final trust-region radius (Powell's RHOEND): the accuracy required in the variables. Nelder-Mead stops when
    /// its simplex is this small (relative to max(1, |x|)). Default 1e-6, which reaches lme4's optimum of the
    /// sleepstudy profiled deviance to better than 1e-12 relative.
    /// </summary>
    public double FinalTrustRadius { get; init; } = 1e-6;

    /// <summary>Maximum number of objective evaluations. Default 100000.</summary>
    public int MaxEvaluations { get; init; } = 100_000;

    /// <summary>
    /// Stop when an accepted step changes the best objective value by less than this (NLopt's ftol_abs).
    /// Zero (the default) disables the test.
    /// </summary>
    public double AbsoluteFunctionTolerance { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    internal void Validate()
    {
        if (!(InitialTrustRadius > 0) || double.IsInfinity(InitialTrustRadius))
            throw new ArgumentOutOfRangeException(nameof(InitialTrustRadius), InitialTrustRadius, "InitialTrustRadius must be positive and finite.");
        if (!(FinalTrustRadius > 0) || FinalTrustRadius > InitialTrustRadius)
            throw new ArgumentOutOfRangeException(nameof(FinalTrustRadius), FinalTrustRadius, $"FinalTrustRadius must be positive and at most InitialTrustRadius ({InitialTrustRadius}).");
        if (MaxEvaluations < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), MaxEvaluations, "MaxEvaluations must be at least 1.");
        if (!(AbsoluteFunctionTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(AbsoluteFunctionTolerance), AbsoluteFunctionTolerance, "AbsoluteFunctionTolerance must be zero or positive.");
    }
}
