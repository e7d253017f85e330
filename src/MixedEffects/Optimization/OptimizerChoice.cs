namespace MixedEffects.Optimization;

/// <summary>The optimizer of the covariance parameters.</summary>
public enum OptimizerChoice
{
    /// <summary>Powell's BOBYQA, derivative-free (lme4's default).</summary>
    Bobyqa,

    /// <summary>Nelder-Mead simplex, derivative-free.</summary>
    NelderMead,

    /// <summary>L-BFGS-B with the analytic gradient of the criterion (linear mixed models), then the same checks.</summary>
    LBfgsB,

    /// <summary>
    /// L-BFGS-B for linear mixed models with more than <see cref="OptimizerFactory.AutomaticGradientParameters"/> covariance
    /// parameters and a dense block of at most <see cref="OptimizerFactory.AutomaticGradientDenseOrder"/> random effects
    /// (where it needs far fewer evaluations than BOBYQA), and for scalar crossed terms whose dense block is larger, up
    /// to <see cref="OptimizerFactory.AutomaticTraceGradientDenseOrder"/> (where the gradient costs about one evaluation
    /// and every evaluation counts); BOBYQA otherwise.
    /// </summary>
    Automatic,
}
