namespace MixedEffects.Inference;

/// <summary>
/// How tests and intervals for linear combinations of the fixed effects are made for one fitted model:
/// the covariance matrix of the estimates to use and the denominator degrees of freedom of a contrast.
/// Implemented by Satterthwaite's and Kenward-Roger's approximations and by the asymptotic (z) method.
/// </summary>
public interface IContrastInference
{
    /// <summary>The method's name as reported: "Satterthwaite", "Kenward-Roger" or "asymptotic".</summary>
    string Method { get; }

    /// <summary>The covariance matrix of the fixed effects used (Kenward-Roger's adjusted one for that method).</summary>
    double[,] Covariance { get; }

    /// <summary>Degrees of freedom of the t statistic for the contrast c'beta (positive infinity for asymptotic).</summary>
    double DegreesOfFreedom(ReadOnlySpan<double> contrast);

    /// <summary>
    /// F test of the hypothesis L beta = 0 for a matrix L with full row rank (rows are contrasts):
    /// the F statistic, numerator and denominator degrees of freedom.
    /// </summary>
    (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts);
}
