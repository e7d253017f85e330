using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Marginal;

/// <summary>
/// Kenward-Roger inference for a maximum-likelihood fit as pbkrtest's <c>vcovAdj</c> makes it: the model is refitted by
/// REML and the adjusted covariance and degrees of freedom come from that refit, while the estimates stay the ML ones.
/// </summary>
internal sealed class RefitKenwardRoger : IContrastInference
{
    private readonly KenwardRoger _reml;
    private readonly double[] _beta;

    private RefitKenwardRoger(KenwardRoger reml, double[] beta)
    {
        _reml = reml;
        _beta = beta;
    }

    /// <summary>Refits <paramref name="fit"/> by REML (with the fit's own options) and computes Kenward-Roger's adjustment there.</summary>
    public static RefitKenwardRoger For(LinearMixedModelEstimates fit)
    {
        var reml = fit is LinearMixedModelFit inMemory ? inMemory.Refit(EstimationMethod.Reml) : fit.WithMethod(EstimationMethod.Reml);
        return new RefitKenwardRoger(KenwardRoger.For(reml), fit.Beta);
    }

    /// <inheritdoc />
    public string Method => _reml.Method;

    /// <inheritdoc />
    public double[,] Covariance => _reml.Covariance;

    /// <inheritdoc />
    public double DegreesOfFreedom(ReadOnlySpan<double> contrast) => _reml.DegreesOfFreedom(contrast);

    /// <inheritdoc />
    public (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts)
    {
        // Kenward-Roger's scale factor and df depend on L only; the Wald statistic is recomputed at the ML estimates.
        var (f, unscaled, q, df) = _reml.ScaledFTest(contrasts);
        double scaling = unscaled != 0 ? f / unscaled : 1;
        double wald = MarginalAlgebra.WaldStatistic(contrasts, _beta, _reml.Covariance) / q;
        return (scaling * wald, q, df);
    }
}
