using MixedEffects.Inference;

namespace MixedEffects.Marginal;

/// <summary>
/// Asymptotic (z and chi-square/q) inference: the model's covariance of the fixed effects and
/// infinite degrees of freedom, as emmeans' <c>lmer.df = "asymptotic"</c> and its GLMM default.
/// </summary>
internal sealed class AsymptoticContrastInference : IContrastInference
{
    private readonly double[,] _covariance;
    private readonly double[] _beta;

    /// <summary>Creates the inference from the estimates and their covariance matrix.</summary>
    public AsymptoticContrastInference(double[] beta, double[,] covariance)
    {
        _beta = (double[])beta.Clone();
        _covariance = (double[,])covariance.Clone();
    }

    /// <inheritdoc />
    public string Method => "asymptotic";

    /// <inheritdoc />
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <inheritdoc />
    public double DegreesOfFreedom(ReadOnlySpan<double> contrast) => double.PositiveInfinity;

    /// <inheritdoc />
    public (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts)
    {
        int q = contrasts.GetLength(0);
        double f = MarginalAlgebra.WaldStatistic(contrasts, _beta, _covariance) / q;
        return (f, q, double.PositiveInfinity);
    }
}
