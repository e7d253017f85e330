using MixedEffects.Inference;
using MixedEffects.Marginal;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// A test inference that returns emmeans' own degrees of freedom (from the golden file) for each linear function,
/// matched by its estimate, so that adjusted p-values and intervals can be checked against emmeans while the
/// Kenward-Roger and Satterthwaite methods are tested elsewhere.
/// </summary>
internal sealed class GoldenDegreesOfFreedom(string method, double[] beta, double[,] covariance, IReadOnlyList<(double Estimate, double Df)> known)
    : IContrastInference
{
    public string Method => method;

    public double[,] Covariance => (double[,])covariance.Clone();

    public double DegreesOfFreedom(ReadOnlySpan<double> contrast)
    {
        double est = 0;
        for (int i = 0; i < beta.Length; i++) est += contrast[i] * beta[i];
        var best = known.OrderBy(k => Math.Abs(k.Estimate - est)).First();
        if (Math.Abs(best.Estimate - est) > 1e-4 * Math.Max(1, Math.Abs(est)))
            throw new InvalidOperationException($"no golden df for estimate {est}");
        return best.Df;
    }

    public (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts) => throw new NotSupportedException();
}
