using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// A criterion's blocked factor as a function of the parameter vector (theta, then the parameters of a residual
/// variance function, if any): what derivatives in the variance parameters evaluate without profiling sigma out.
/// </summary>
internal interface IParameterizedFactor
{
    /// <summary>The cross products of the last <see cref="Update"/>.</summary>
    BlockedCrossProducts CrossProducts { get; }

    /// <summary>The factor of the last <see cref="Update"/>.</summary>
    BlockedCholeskyFactor Factor { get; }

    /// <summary>
    /// Factors at <paramref name="parameters"/>; <paramref name="logGTerm"/> is 2 sum log g_i over the observations
    /// (0 with one residual variance). False when the factor is not positive definite.
    /// </summary>
    bool Update(ReadOnlySpan<double> parameters, out double logGTerm);
}
