using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Satterthwaite's degrees of freedom for linear mixed models as lmerTest computes them: the variance parameters
/// are (theta, sigma), with a residual variance function also its parameters; their covariance is 2 H^-1, H the Hessian of the (unprofiled) ML or REML deviance at the
/// estimates; the gradient of c'V(theta, sigma)c gives df = 2 (c'Vc)^2 / (g'Ag). Multi-row hypotheses use the
/// eigen-decomposition of L V L' (Fai and Cornelius), as lmerTest's <c>contestMD</c>.
/// </summary>
public sealed class Satterthwaite : IContrastInference
{
    private const double HessianTolerance = 1e-8;
    private readonly double[] _beta;
    private readonly double[,] _covariance;
    private readonly double[,] _varparCovariance;
    private readonly double[][,] _jacobian;

    private Satterthwaite(double[] beta, double[,] covariance, double[,] varparCovariance, double[][,] jacobian,
        IReadOnlyList<string> warnings, int factorizations)
    {
        _beta = beta;
        _covariance = covariance;
        _varparCovariance = varparCovariance;
        _jacobian = jacobian;
        Warnings = warnings;
        Factorizations = factorizations;
    }

    /// <summary>Computes the variance-parameter covariance and the covariance gradient for a fitted model.</summary>
    public static Satterthwaite For(LinearMixedModelEstimates fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var functions = new VarianceParameterFunctions(fit);
        var varpar = VarianceParameterFunctions.AtEstimates(fit);
        int k = varpar.Length;

        var hessian = Matrix<double>.Build.DenseOfArray(RichardsonDerivatives.Hessian(functions.Deviance, varpar));
        var (values, vectors) = DenseOps.SymmetricEigen(hessian);
        var warnings = new List<string>();
        var negative = values.Where(v => v < -HessianTolerance).ToArray();
        if (negative.Length > 0)
            warnings.Add($"Model failed to converge with {negative.Length} negative eigenvalue{(negative.Length > 1 ? "s" : "")}: " +
                string.Join(" ", negative.Select(v => v.ToString("0.0e+00", System.Globalization.CultureInfo.InvariantCulture))));
        var zero = values.Where(v => Math.Abs(v) < HessianTolerance).ToArray();
        if (zero.Length > 0)
            warnings.Add($"Model may not have converged with {zero.Length} eigenvalue{(zero.Length > 1 ? "s" : "")} close to zero: " +
                string.Join(" ", zero.Select(v => v.ToString("0.0e+00", System.Globalization.CultureInfo.InvariantCulture))));
        var a = new double[k, k];
        for (int e = 0; e < k; e++)
        {
            if (!(values[e] > HessianTolerance)) continue;
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) a[i, j] += 2 * vectors[i, e] * vectors[j, e] / values[e];
        }

        int p = fit.Beta.Length;
        var sigmaIndex = new HashSet<int> { k - 1 };
        // The Hessian's steps: the same theta values, so no new factorizations; after three extrapolations the
        // derivative of the smooth covariance is accurate far beyond the agreement needed with lmerTest.
        var flat = RichardsonDerivatives.Jacobian(v => Flatten(functions.Covariance(v)), varpar, sigmaIndex, hessianSteps: true);
        var jacobian = new double[k][,];
        for (int i = 0; i < k - 1; i++) jacobian[i] = Unflatten(flat[i], p);
        // V = sigma^2 C(theta), so dV/dsigma = 2 V / sigma exactly.
        var atOptimum = functions.Covariance(varpar);
        jacobian[k - 1] = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) jacobian[k - 1][i, j] = 2 * atOptimum[i, j] / fit.Sigma;

        return new Satterthwaite(fit.Beta, fit.FixedEffectsCovariance, a, jacobian, warnings, functions.Factorizations);
    }

    /// <inheritdoc />
    public string Method => "Satterthwaite";

    /// <inheritdoc />
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>Asymptotic covariance of the variance parameters (theta..., sigma): 2 H^-1 (lmerTest's <c>vcov_varpar</c>).</summary>
    public double[,] VarianceParameterCovariance => (double[,])_varparCovariance.Clone();

    /// <summary>Warnings about the deviance Hessian (negative or near-zero eigenvalues), in lmerTest's wording.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How many distinct theta values were factored to compute the derivatives.</summary>
    public int Factorizations { get; }

    /// <inheritdoc />
    public double DegreesOfFreedom(ReadOnlySpan<double> contrast)
    {
        DenseOps.CheckLength(contrast, _beta.Length);
        double variance = DenseOps.QuadraticForm(contrast, _covariance);
        return DegreesOfFreedom(contrast, variance);
    }

    private double DegreesOfFreedom(ReadOnlySpan<double> contrast, double variance)
    {
        var g = new double[_jacobian.Length];
        for (int i = 0; i < g.Length; i++) g[i] = DenseOps.QuadraticForm(contrast, _jacobian[i]);
        return 2 * variance * variance / DenseOps.QuadraticForm(g, _varparCovariance);
    }

    /// <inheritdoc />
    public (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts)
    {
        ArgumentNullException.ThrowIfNull(contrasts);
        int p = _beta.Length;
        DenseOps.CheckColumns(contrasts, p);
        int rows = contrasts.GetLength(0);
        if (rows == 0) return (double.NaN, 0, double.NaN);
        if (rows == 1) return OneDimensional(DenseOps.Row(contrasts, 0));

        var l = Matrix<double>.Build.DenseOfArray(contrasts);
        var v = Matrix<double>.Build.DenseOfArray(_covariance);
        var (d, vectors) = DenseOps.SymmetricEigen(l * v * l.Transpose());
        double tol = Math.Max(Math.Sqrt(2.220446049250313e-16) * d[0], 0);
        int q = d.Count(x => x > tol);
        if (q == 0) return (double.NaN, 0, double.NaN);
        var ptl = vectors.Transpose() * l;
        if (q == 1) return OneDimensional(ptl.Row(0).ToArray());

        double sumT2 = 0;
        var nu = new double[q];
        for (int m = 0; m < q; m++)
        {
            var row = ptl.Row(m).ToArray();
            double est = DenseOps.Dot(row, _beta);
            sumT2 += est * est / d[m];
            nu[m] = DegreesOfFreedom(row, d[m]);
        }
        return (sumT2 / q, q, CombinedDf(nu));
    }

    private (double F, double NumeratorDf, double DenominatorDf) OneDimensional(double[] c)
    {
        double variance = DenseOps.QuadraticForm(c, _covariance);
        double est = DenseOps.Dot(c, _beta);
        return (est * est / variance, 1, DegreesOfFreedom(c, variance));
    }

    /// <summary>
    /// lmerTest's denominator df of the F statistic from the per-direction dfs nu: their mean when all are equal
    /// (within 1e-8), 2 when any is at most 2, else 2E/(E - q) with E = sum nu/(nu - 2).
    /// </summary>
    internal static double CombinedDf(IReadOnlyList<double> nu)
    {
        if (nu.Count == 1) return nu[0];
        bool equal = true;
        for (int i = 1; i < nu.Count; i++) if (!(Math.Abs(nu[i] - nu[i - 1]) < 1e-8)) equal = false;
        if (equal) return nu.Average();
        if (nu.Any(x => x <= 2)) return 2;
        double e = nu.Sum(x => x / (x - 2));
        return 2 * e / (e - nu.Count);
    }

    private static double[] Flatten(double[,] m)
    {
        int p = m.GetLength(0);
        var f = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) f[i * p + j] = m[i, j];
        return f;
    }

    private static double[,] Unflatten(double[] f, int p)
    {
        var m = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) m[i, j] = f[i * p + j];
        return m;
    }
}
