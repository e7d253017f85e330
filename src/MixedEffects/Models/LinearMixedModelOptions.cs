using MixedEffects.Design;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>Options of <see cref="LinearMixedModel.Fit(string, Data.Dataset, LinearMixedModelOptions?)"/>.</summary>
public sealed record LinearMixedModelOptions
{
    /// <summary>REML (default) or ML.</summary>
    public EstimationMethod Method { get; init; } = EstimationMethod.Reml;

    /// <summary>Coding of factors in fixed effects and random-effects terms (treatment by default).</summary>
    public ContrastCoding Contrasts { get; init; } = ContrastCoding.Treatment;

    /// <summary>Name of a numeric column of prior weights, or null.</summary>
    public string? WeightsColumn { get; init; }

    /// <summary>
    /// A residual variance function (nlme's varIdent, varExp, varPower; see <see cref="Variance.VarianceFunction.Parse"/>),
    /// or null for one residual variance.
    /// </summary>
    public Variance.VarianceFunction? Variance { get; init; }

    /// <summary>Optimizer settings; null for the defaults.</summary>
    public OptimizerSettings? Optimizer { get; init; }

    /// <summary>Theta below which a diagonal element of lambda counts as zero (lme4: 1e-4).</summary>
    public double SingularTolerance { get; init; } = 1e-4;

    /// <summary>Tolerance on the scaled gradient at the optimum (lme4: 0.002).</summary>
    public double GradientTolerance { get; init; } = 0.002;

    /// <summary>
    /// Whether to check the gradient at the optimum by finite differences; null means "when fewer than
    /// 10000 observations", as lme4 decides by default.
    /// </summary>
    public bool? CheckGradient { get; init; }

    /// <summary>
    /// How many times the search may restart when the checks at its end (parameters on a bound moved into the
    /// interior, a Newton step from finite-difference derivatives) find a lower criterion. Default 8; 0 only reports.
    /// </summary>
    public int MaxRestarts { get; init; } = 8;

    /// <summary>Starting covariance parameters theta (lme4's <c>start</c>); null for lme4's default start.</summary>
    public IReadOnlyList<double>? StartTheta { get; init; }

    /// <summary>
    /// The optimizer of theta: by default <see cref="OptimizerChoice.Automatic"/> (BOBYQA, as lme4, up to 3 covariance
    /// parameters or for large crossed designs; L-BFGS-B with the analytic gradient otherwise).
    /// </summary>
    public OptimizerChoice Algorithm { get; init; } = OptimizerChoice.Automatic;

    /// <summary>
    /// Told after every evaluation of the criterion during the search (evaluations so far, lowest criterion so far);
    /// null for none. A progress display should throttle its own output.
    /// </summary>
    public IProgress<FitProgress>? Progress { get; init; }
}
