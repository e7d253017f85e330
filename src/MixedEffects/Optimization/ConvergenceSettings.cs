namespace MixedEffects.Optimization;

/// <summary>How <see cref="PersistentMinimizer"/> checks an optimum and how often it may restart the search.</summary>
public sealed record ConvergenceSettings
{
    /// <summary>Tolerance on lme4's scaled gradient at the optimum (lme4: 0.002).</summary>
    public double GradientTolerance { get; init; } = 0.002;

    /// <summary>
    /// A scaled gradient above <see cref="GradientTolerance"/> is reported as a failure to converge unless the
    /// finite-difference Hessian is positive definite and the Newton step from the optimum predicts a decrease of
    /// the objective of at most this much (default 1e-6). lme4's scaled gradient solve(chol(H), g) is not invariant
    /// under rescaling of the parameters and exceeds its tolerance at the exact optimum of badly scaled models
    /// (slopes on uncentred covariates); the predicted decrease g'H^-1 g / 2 is invariant and says whether the
    /// objective can still go down.
    /// </summary>
    public double DecreaseTolerance { get; init; } = 1e-6;

    /// <summary>
    /// Whether to compute the finite-difference gradient and Hessian at the optimum (about k^2 evaluations for k
    /// parameters), use them for a Newton step when they show that the objective can still go down, and report
    /// them. The boundary probes run either way.
    /// </summary>
    public bool CheckDerivatives { get; init; } = true;

    /// <summary>
    /// Maximum number of restarts of the search from points the boundary and Newton probes found. Default 8. The
    /// single restart from the edge for an optimum on a bound is not limited by this.
    /// </summary>
    public int MaxRestarts { get; init; } = 8;

    /// <summary>Distance from a bound within which a parameter counts as on the bound (lme4: 1e-4).</summary>
    public double BoundaryTolerance { get; init; } = 1e-4;

    /// <summary>
    /// The restart from the edge (an optimum on a bound searched again from the start values of the parameters on
    /// bounds) is tried for models with at most this many parameters (default 10); for more it would cost about as
    /// much as the first search.
    /// </summary>
    public int EdgeRestartMaxParameters { get; init; } = 10;
}
