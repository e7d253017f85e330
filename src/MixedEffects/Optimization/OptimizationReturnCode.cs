namespace MixedEffects.Optimization;

/// <summary>Why an optimizer stopped.</summary>
public enum OptimizationReturnCode
{
    /// <summary>The final trust-region radius (or simplex size) was reached: the normal, successful stop.</summary>
    Converged,

    /// <summary>An accepted step decreased the objective by less than <see cref="OptimizerSettings.AbsoluteFunctionTolerance"/>.</summary>
    FunctionToleranceReached,

    /// <summary>The evaluation budget <see cref="OptimizerSettings.MaxEvaluations"/> was used up before convergence.</summary>
    MaxEvaluationsReached,

    /// <summary>The objective returned NaN or an infinity; the best finite point found so far is reported.</summary>
    NonFiniteObjective,
}
