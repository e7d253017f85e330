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

    /// <summary>
    /// Number of interpolation points of BOBYQA's quadratic model (Powell's NPT): 0 (the default) for 2n+1, whose model
    /// has a least-change Hessian; (n+1)(n+2)/2 or more for a full quadratic model, whose trust-region steps are Newton
    /// steps once the points are close, at the price of more evaluations to set it up (capped at (n+1)(n+2)/2; at
    /// least 2n+1 when set).
    /// </summary>
    public int InterpolationPoints { get; init; }

    /// <summary>
    /// With a full quadratic model (<see cref="InterpolationPoints"/> at least (n+1)(n+2)/2): stop when the model predicted
    /// the last trust-region step's change to within 10 times this (relative to max(1, |f|)) and at least half and at
    /// most twice its size, and now predicts a decrease of at most this. Zero (the default) disables the test. Meant for
    /// expensive objectives whose rounding is near this level, where the last steps to
    /// <see cref="FinalTrustRadius"/> cannot lower the objective by more than its rounding.
    /// </summary>
    public double ModelDecreaseTolerance { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    internal void Validate()
    {
        if (!(InitialTrustRadius > 0) || double.IsInfinity(InitialTrustRadius))
            throw new ArgumentOutOfRangeException(nameof(InitialTrustRadius), InitialTrustRadius, "InitialTrustRadius must be positive and finite.");
        if (!(FinalTrustRadius > 0) || FinalTrustRadius > InitialTrustRadius)
            throw new ArgumentOutOfRangeException(nameof(FinalTrustRadius), FinalTrustRadius, $"FinalTrustRadius must be positive and at most InitialTrustRadius ({InitialTrustRadius}).");
        if (MaxEvaluations < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxEvaluations), MaxEvaluations, "MaxEvaluations must be at least 1.");
        if (InterpolationPoints < 0)
            throw new ArgumentOutOfRangeException(nameof(InterpolationPoints), InterpolationPoints, "InterpolationPoints must be zero (2n+1) or positive.");
        if (!(ModelDecreaseTolerance >= 0) || double.IsInfinity(ModelDecreaseTolerance))
            throw new ArgumentOutOfRangeException(nameof(ModelDecreaseTolerance), ModelDecreaseTolerance, "ModelDecreaseTolerance must be zero or positive and finite.");
        if (!(AbsoluteFunctionTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(AbsoluteFunctionTolerance), AbsoluteFunctionTolerance, "AbsoluteFunctionTolerance must be zero or positive.");
    }
}
