using MixedEffects.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// The ML or REML deviance and the fixed-effects covariance of a linear mixed model as functions of the
/// variance parameters (theta, sigma), not profiled over sigma; with a residual variance function, (theta, the
/// function's parameters on the optimizer's scale, sigma), the weights following the parameters. Each theta is factored once and remembered,
/// so derivatives that vary only sigma, or revisit a theta, cost no new factorization. Not thread-safe.
/// </summary>
internal sealed class VarianceParameterFunctions
{
    private readonly IParameterizedCriterion _criterion;
    private readonly BlockedCrossProducts _a;
    private readonly bool _reml;
    private readonly Dictionary<string, ThetaEvaluation> _cache = new(StringComparer.Ordinal);

    private sealed record ThetaEvaluation(double LogDetZ, double LogDetX, double Rss, double LogGTerm, double[,] CrossInverse);

    public VarianceParameterFunctions(LinearMixedModelEstimates fit)
    {
        _reml = fit.Method == EstimationMethod.Reml;
        _criterion = fit.ParameterizedCriterion();
        _a = _criterion.CrossProducts;
    }

    /// <summary>The variance parameters at the fit's estimates: theta, the variance function's (scaled) parameters, sigma.</summary>
    public static double[] AtEstimates(LinearMixedModelEstimates fit) =>
        fit.Theta.Concat((fit as LinearMixedModelFit)?.VarianceFunction?.Scaled ?? []).Append(fit.Sigma).ToArray();

    /// <summary>Number of distinct theta values factored so far.</summary>
    public int Factorizations => _cache.Count;

    /// <summary>-2 log-likelihood (ML) or the REML criterion at (theta, sigma) = varpar.</summary>
    public double Deviance(double[] varpar)
    {
        int k = varpar.Length - 1;
        double sigma2 = varpar[k] * varpar[k];
        var e = Evaluate(varpar.AsSpan(0, k));
        int n = _a.RowCount, p = _a.P;
        double dev = e.LogDetZ + e.Rss / sigma2 + n * Math.Log(2 * Math.PI * sigma2) + e.LogGTerm;
        if (_reml) dev += e.LogDetX - p * Math.Log(2 * Math.PI * sigma2);
        return dev;
    }

    /// <summary>sigma^2 (L_X L_X')^-1 at (theta, sigma) = varpar, as a p x p array.</summary>
    public double[,] Covariance(double[] varpar)
    {
        int k = varpar.Length - 1;
        double sigma2 = varpar[k] * varpar[k];
        var c = Evaluate(varpar.AsSpan(0, k)).CrossInverse;
        int p = _a.P;
        var v = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) v[i, j] = sigma2 * c[i, j];
        return v;
    }

    private ThetaEvaluation Evaluate(ReadOnlySpan<double> theta)
    {
        string key = string.Join(",", theta.ToArray().Select(t => BitConverter.DoubleToInt64Bits(t)));
        if (_cache.TryGetValue(key, out var cached)) return cached;
        if (!_criterion.Update(theta, out double logGTerm))
            throw new ModelSpecificationException("the model's covariance factor is not positive definite near the estimates; degrees of freedom cannot be computed");
        var f = _criterion.Factor;
        var e = new ThetaEvaluation(f.LogDetZ, f.LogDetX, f.PenalizedRss, logGTerm, f.UnscaledFixedEffectsCovariance());
        _cache[key] = e;
        return e;
    }
}
