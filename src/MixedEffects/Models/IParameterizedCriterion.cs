using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// A profiled criterion and its blocked factor as functions of the parameter vector: theta
/// (<see cref="ProfiledDeviance"/>), or theta then the parameters of a residual variance function
/// (<see cref="HeteroscedasticDeviance"/>). Owns its factor; not thread-safe.
/// </summary>
internal interface IParameterizedCriterion
{
    /// <summary>The cross products of the last <see cref="Update"/>.</summary>
    BlockedCrossProducts CrossProducts { get; }

    /// <summary>The factor of the last <see cref="Update"/>.</summary>
    BlockedCholeskyFactor Factor { get; }

    /// <summary>Number of evaluations so far.</summary>
    int Evaluations { get; }

    /// <summary>The criterion at <paramref name="parameters"/> (+infinity where the factor is not positive definite).</summary>
    double Evaluate(ReadOnlySpan<double> parameters);

    /// <summary>
    /// Factors at <paramref name="parameters"/> without evaluating; <paramref name="logGTerm"/> is 2 sum log g_i over
    /// the observations (0 with one residual variance). False when the factor is not positive definite.
    /// </summary>
    bool Update(ReadOnlySpan<double> parameters, out double logGTerm);
}
