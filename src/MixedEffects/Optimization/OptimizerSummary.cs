namespace MixedEffects.Optimization;

/// <summary>
/// What the optimizer did for one fit (as MixedModels.jl's optimization summary and lme4's <c>optinfo</c>):
/// the method, the evaluations, the initial and final parameters and values, the finite-difference gradient at the
/// end, why it stopped and how many times the optimum was checked and the search restarted. Immutable.
/// </summary>
public sealed record OptimizerSummary
{
    /// <summary>The optimizer's name ("bobyqa", "lbfgsb" or "neldermead").</summary>
    public required string Optimizer { get; init; }

    /// <summary>Objective evaluations of the search, its restarts and the probes that led to them (not the final derivative check).</summary>
    public required int Evaluations { get; init; }

    /// <summary>Of the evaluations (search and checks), how many also computed the analytic gradient (0 for derivative-free optimizers).</summary>
    public int GradientEvaluations { get; init; }

    /// <summary>Objective evaluations of the finite-difference derivative checks.</summary>
    public required int CheckEvaluations { get; init; }

    /// <summary>The starting parameters.</summary>
    public required IReadOnlyList<double> InitialParameters { get; init; }

    /// <summary>The objective at the starting parameters.</summary>
    public required double InitialValue { get; init; }

    /// <summary>The parameters at the optimum.</summary>
    public required IReadOnlyList<double> FinalParameters { get; init; }

    /// <summary>The objective at the optimum.</summary>
    public required double FinalValue { get; init; }

    /// <summary>
    /// Finite-difference gradient at the optimum, one entry per parameter: central differences for parameters
    /// inside their bounds, the forward (into the interior) difference for parameters on a bound. Empty when the
    /// derivative check was not run.
    /// </summary>
    public required IReadOnlyList<double> FinalGradient { get; init; }

    /// <summary>lme4's scaled gradient criterion max|solve(chol(H), g)| over the interior parameters; NaN when not checked.</summary>
    public required double MaxScaledGradient { get; init; }

    /// <summary>Why the last search stopped.</summary>
    public required OptimizationReturnCode ReturnCode { get; init; }

    /// <summary>The last search's one-line stop message.</summary>
    public required string Message { get; init; }

    /// <summary>How many times the search was restarted because the checks found a lower objective nearby.</summary>
    public required int Restarts { get; init; }

    /// <summary>True when the search converged and the final gradient and boundary checks passed.</summary>
    public required bool Converged { get; init; }

    /// <summary>Convergence warnings in lme4's wording (empty when converged).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
