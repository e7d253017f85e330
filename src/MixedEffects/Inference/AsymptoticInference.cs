using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Large-sample inference: the model's covariance of the fixed effects, z tests (infinite df) and Wald
/// chi-square / q tests of multi-row hypotheses (F with infinite denominator df).
/// </summary>
public sealed class AsymptoticInference : IContrastInference
{
    private readonly double[] _beta;
    private readonly double[,] _covariance;

    private AsymptoticInference(double[] beta, double[,] covariance)
    {
        _beta = beta;
        _covariance = covariance;
    }

    /// <summary>Asymptotic inference for a fitted model.</summary>
    public static AsymptoticInference For(LinearMixedModelEstimates fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new AsymptoticInference(fit.Beta, fit.FixedEffectsCovariance);
    }

    /// <inheritdoc />
    public string Method => "asymptotic";

    /// <inheritdoc />
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <inheritdoc />
    public double DegreesOfFreedom(ReadOnlySpan<double> contrast)
    {
        DenseOps.CheckLength(contrast, _beta.Length);
        return double.PositiveInfinity;
    }

    /// <inheritdoc />
    public (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts)
    {
        ArgumentNullException.ThrowIfNull(contrasts);
        DenseOps.CheckColumns(contrasts, _beta.Length);
        if (contrasts.GetLength(0) == 0) return (double.NaN, 0, double.NaN);
        var l = Matrix<double>.Build.DenseOfArray(contrasts);
        var (d, vectors) = DenseOps.SymmetricEigen(l * Matrix<double>.Build.DenseOfArray(_covariance) * l.Transpose());
        double tol = Math.Max(Math.Sqrt(2.220446049250313e-16) * d[0], 0);
        int q = d.Count(x => x > tol);
        if (q == 0) return (double.NaN, 0, double.NaN);
        var ptl = vectors.Transpose() * l;
        double wald = 0;
        for (int m = 0; m < q; m++)
        {
            double est = DenseOps.Dot(ptl.Row(m).ToArray(), _beta);
            wald += est * est / d[m];
        }
        return (wald / q, q, double.PositiveInfinity);
    }
}
