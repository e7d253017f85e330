using MixedEffects.LinearAlgebra;
using MixedEffects.Variance;

namespace MixedEffects.Models;

/// <summary>
/// The profiled ML deviance or REML criterion of a linear mixed model whose residual variance follows a variance
/// function, Var(e_i) = sigma^2 g_i^2 / prior_i: a weighted model with weights prior_i / g_i^2 that depend on the
/// parameters. The optimizer's vector is theta followed by the variance function's parameters (on its scaled form);
/// an evaluation sets the stratum weights, updates the cross products and the factor, and adds 2 sum log g_i
/// (the log-likelihood's -sum log g_i) to the weighted criterion. Owns its factor; not thread-safe.
/// </summary>
internal sealed class HeteroscedasticDeviance : IParameterizedCriterion
{
    private readonly StratifiedCrossProducts _cross;
    private readonly BlockedCholeskyFactor _factor;
    private readonly double[] _logG;
    private readonly double[] _stratumFactors;
    private readonly int[] _weightedSizes;

    public HeteroscedasticDeviance(LinearMixedModelDesign design, BoundVarianceFunction function, EstimationMethod method)
    {
        Function = function;
        Method = method;
        ThetaCount = design.Terms.Sum(t => t.ThetaCount);
        var working = design.Response.Select((v, i) => v - design.Frame.Offset[i]).ToArray();
        _cross = new StratifiedCrossProducts(design.Terms, design.X.Matrix.Columns, working, design.Frame.Weights,
            function.StratumOf, function.Strata.Count);
        _factor = _cross.Current.CreateFactor();
        _logG = new double[function.Strata.Count];
        _stratumFactors = new double[function.Strata.Count];
        _weightedSizes = new int[function.Strata.Count];
        var prior = design.Frame.Weights;
        for (int i = 0; i < function.StratumOf.Length; i++)
            if (prior is null || prior[i] > 0) _weightedSizes[function.StratumOf[i]]++;
    }

    /// <summary>The bound variance function.</summary>
    public BoundVarianceFunction Function { get; }

    /// <summary>ML or REML.</summary>
    public EstimationMethod Method { get; }

    /// <summary>Number of theta elements at the start of the parameter vector.</summary>
    public int ThetaCount { get; }

    /// <summary>Number of evaluations so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>True when an evaluation combines stored per-stratum cross products (no work per row).</summary>
    public bool CombinesStrata => _cross.CombinesStrata;

    /// <summary>The criterion at (theta, scaled variance parameters); +infinity where the factor is not positive definite.</summary>
    public double Evaluate(ReadOnlySpan<double> parameters)
    {
        Evaluations++;
        if (!Update(parameters, out double logGTerm)) return double.PositiveInfinity;
        return ProfiledDeviance.Criterion(_factor, _cross.Current, Method) + logGTerm;
    }

    /// <summary>The factor of the last <see cref="Update"/>.</summary>
    public BlockedCholeskyFactor Factor => _factor;

    /// <summary>The cross products of the last <see cref="Update"/>.</summary>
    public BlockedCrossProducts CrossProducts => _cross.Current;

    /// <summary>
    /// Sets the weights and factors at (theta, scaled variance parameters); <paramref name="logGTerm"/> is 2 sum log g_i
    /// over the observations with positive prior weight. False when the factor is not positive definite.
    /// </summary>
    public bool Update(ReadOnlySpan<double> parameters, out double logGTerm)
    {
        var theta = parameters[..ThetaCount];
        Function.LogG(parameters[ThetaCount..], _logG);
        logGTerm = 0;
        for (int s = 0; s < _logG.Length; s++)
        {
            if (!double.IsFinite(_logG[s]) || Math.Abs(_logG[s]) > 300) return false;
            _stratumFactors[s] = Math.Exp(-2 * _logG[s]);
            logGTerm += 2 * _weightedSizes[s] * _logG[s];
        }
        _cross.Update(_stratumFactors);
        return _factor.Update(theta);
    }

    /// <summary>The weights prior_i / g_i^2 for scaled variance parameters.</summary>
    public double[] Weights(ReadOnlySpan<double> scaled, double[]? prior)
    {
        var logG = new double[Function.Strata.Count];
        Function.LogG(scaled, logG);
        var stratum = Function.StratumOf;
        var w = new double[stratum.Length];
        for (int i = 0; i < w.Length; i++) w[i] = (prior?[i] ?? 1.0) * Math.Exp(-2 * logG[stratum[i]]);
        return w;
    }
}
