using MixedEffects.Design;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>Options of <see cref="GeneralizedLinearMixedModel.Fit(string, Data.Dataset, GeneralizedLinearMixedModelOptions?)"/>.</summary>
public sealed record GeneralizedLinearMixedModelOptions
{
    /// <summary>The family: <c>binomial</c> (default) or <c>poisson</c>.</summary>
    public string Family { get; init; } = "binomial";

    /// <summary>The link (<c>logit</c>, <c>probit</c>, <c>cloglog</c>, <c>log</c>, <c>identity</c>), or null for the family's canonical link.</summary>
    public string? Link { get; init; }

    /// <summary>
    /// Points of adaptive Gauss-Hermite quadrature: 1 (default) is the Laplace approximation, 2 to 25 need a single
    /// scalar random-effects term, 0 estimates the fixed effects inside PIRLS and optimizes theta only.
    /// </summary>
    public int NAgq { get; init; } = 1;

    /// <summary>Name of a numeric column of prior weights (for a proportion response: the number of trials), or null.</summary>
    public string? WeightsColumn { get; init; }

    /// <summary>Coding of factors in fixed effects and random-effects terms (treatment by default).</summary>
    public ContrastCoding Contrasts { get; init; } = ContrastCoding.Treatment;

    /// <summary>Settings of the first stage (BOBYQA over theta with nAGQ = 0); null for the defaults.</summary>
    public OptimizerSettings? FirstStageOptimizer { get; init; }

    /// <summary>The second-stage optimizer (BOBYQA by default; lme4 uses Nelder-Mead, which needs about three times as many evaluations).</summary>
    public GlmmSecondStageMethod SecondStageMethod { get; init; } = GlmmSecondStageMethod.Bobyqa;

    /// <summary>
    /// Settings of the second stage (Nelder-Mead over theta and beta, in coordinates scaled as lme4 scales its
    /// initial simplex); null for the defaults (BOBYQA: initial radius 1, final radius 1e-5;
    /// Nelder-Mead: initial edge 1, simplex size 1e-7, value spread 1e-10).
    /// </summary>
    public OptimizerSettings? SecondStageOptimizer { get; init; }

    /// <summary>Theta below which a diagonal element of lambda counts as zero (lme4: 1e-4).</summary>
    public double SingularTolerance { get; init; } = 1e-4;

    /// <summary>Tolerance on the scaled gradient at the optimum (lme4: 0.002).</summary>
    public double GradientTolerance { get; init; } = 0.002;

    /// <summary>
    /// Whether to compute the finite-difference gradient and Hessian at the optimum (convergence check and the
    /// Hessian-based covariance of the fixed effects); null means "when fewer than 10000 observations", as lme4.
    /// </summary>
    public bool? ComputeDerivatives { get; init; }

    /// <summary>
    /// Told after every evaluation of the criterion during both searches (evaluations so far, lowest deviance so far);
    /// null for none. A progress display should throttle its own output.
    /// </summary>
    public IProgress<FitProgress>? Progress { get; init; }
}
