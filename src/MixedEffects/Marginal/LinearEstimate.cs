using MixedEffects.Distributions;

namespace MixedEffects.Marginal;

/// <summary>A linear function l'beta of the fixed effects with its standard error and degrees of freedom.</summary>
/// <param name="Estimate">l'beta (NaN when not estimable).</param>
/// <param name="StandardError">sqrt(l'Vl).</param>
/// <param name="DegreesOfFreedom">The inference's degrees of freedom for l.</param>
internal readonly record struct LinearEstimate(double Estimate, double StandardError, double DegreesOfFreedom)
{
    /// <summary>A non-estimable function.</summary>
    public static LinearEstimate NotEstimable => new(double.NaN, double.NaN, double.NaN);

    /// <summary>Estimate / standard error.</summary>
    public double Statistic => Estimate / StandardError;

    /// <summary>Two-sided unadjusted p-value.</summary>
    public double PValue => ProbabilityFunctions.TwoSidedTPValue(Statistic, DegreesOfFreedom);

    /// <summary>Evaluates l (kept-column space; null when not estimable).</summary>
    public static LinearEstimate Evaluate(MarginalModelInfo model, double[,] covariance, double[]? l)
    {
        if (l is null) return NotEstimable;
        double est = MarginalAlgebra.Dot(l, model.Beta);
        double se = Math.Sqrt(MarginalAlgebra.QuadraticForm(l, covariance));
        double df = model.Inference.DegreesOfFreedom(l);
        return new LinearEstimate(est, se, df);
    }
}
