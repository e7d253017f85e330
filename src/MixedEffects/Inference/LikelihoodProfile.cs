using MixedEffects.LinearAlgebra;
using MixedEffects.Models;
using MixedEffects.Optimization;

namespace MixedEffects.Inference;

/// <summary>
/// Profile-likelihood intervals as lme4's <c>confint(profile(m))</c>, computed by root finding on the signed square
/// root of the ML deviance increase (zeta) instead of lme4's spline through a grid. A variance parameter (standard
/// deviation, correlation or sigma) is held at a value while the others are re-optimized with BOBYQA; a fixed effect
/// is held through an offset while theta is re-optimized (sigma profiled out). Parameters are profiled in parallel.
/// </summary>
internal sealed class LikelihoodProfile
{
    private static readonly OptimizerSettings InnerSettings = new() { InitialTrustRadius = 0.05, FinalTrustRadius = 1e-7 };

    private readonly LinearMixedModelFit _ml;
    private readonly VarianceParameters _parameters;
    private readonly double[] _estimates;
    private readonly double _base;

    public LikelihoodProfile(LinearMixedModelFit fit)
    {
        _ml = fit.Refit(EstimationMethod.MaximumLikelihood);
        _parameters = new VarianceParameters(_ml.Terms);
        _estimates = _parameters.FromTheta(_ml.Theta, _ml.Sigma);
        _base = _ml.Criterion;
    }

    /// <summary>Intervals whose bounds are where zeta = -z and zeta = +z.</summary>
    public IReadOnlyList<ConfidenceInterval> Intervals(double z)
    {
        int nv = _parameters.Count, p = _ml.FixedEffectNames.Count;
        var bounds = new (double Lower, double Upper)[nv + p];
        ParallelLoop.For(nv + p, k => bounds[k] = k < nv ? VarianceBounds(k, z) : FixedBounds(k - nv, z));
        var names = _parameters.Names.Concat(_ml.FixedEffectNames).ToArray();
        return names.Select((n, k) => new ConfidenceInterval(n, bounds[k].Lower, bounds[k].Upper, ConfidenceIntervalMethod.Profile)).ToArray();
    }

    private (double, double) VarianceBounds(int k, double z)
    {
        bool sd = _parameters.IsStandardDeviation[k];
        double estimate = _estimates[k];
        double sigma = _estimates[^1];
        var scales = _estimates.Select((v, i) => _parameters.IsStandardDeviation[i] ? (v > 0 ? v : sigma) : 1.0).ToArray();
        var free = Enumerable.Range(0, _parameters.Count).Where(i => i != k).ToArray();
        var lower = free.Select(i => i == _parameters.Count - 1 ? 1e-8 : _parameters.IsStandardDeviation[i] ? 0.0 : -1.0).ToArray();
        var upper = free.Select(i => _parameters.IsStandardDeviation[i] ? double.PositiveInfinity : 1.0).ToArray();
        double Solve(double value, double[] warm)
        {
            var deviance = new SigmaDeviance(_ml.Design.CrossProducts, _parameters);
            var full = (double[])_estimates.Clone();
            full[k] = value;
            double Objective(double[] x)
            {
                for (int f = 0; f < free.Length; f++) full[free[f]] = x[f] * scales[free[f]];
                return deviance.Evaluate(full);
            }
            var result = new Bobyqa().Minimize(Objective, warm, lower, upper, InnerSettings);
            Array.Copy(result.Minimizer, warm, warm.Length);
            return result.Minimum;
        }
        var start = free.Select(i => _estimates[i] / scales[i]).ToArray();
        double step = sd ? 0.25 * scales[k] : 0.2;
        double tolerance = 1e-7 * (sd ? scales[k] : 1);
        var upperWarm = (double[])start.Clone();
        var lowerWarm = (double[])start.Clone();
        double Zeta(double value, double[] warm) =>
            Math.Sign(value - estimate) * Math.Sqrt(Math.Max(0, Solve(value, warm) - _base));
        double? hi = ProfileBound.Find(v => Zeta(v, upperWarm), estimate, step, z, sd ? double.MaxValue : 1.0, tolerance);
        double? lo = ProfileBound.Find(v => Zeta(v, lowerWarm), estimate, Math.Min(step, sd ? estimate : 2), -z, sd ? 0.0 : -1.0, tolerance);
        double lowerBound = lo ?? (sd ? 0.0 : double.NaN);
        return (lowerBound, hi ?? double.NaN);
    }

    private (double, double) FixedBounds(int j, double z)
    {
        var design = _ml.Design;
        var columns = design.X.Matrix.Columns;
        var others = columns.Where((_, i) => i != j).ToArray();
        var xj = columns[j];
        var working = design.Response.Select((v, r) => v - design.Frame.Offset[r]).ToArray();
        var lower = design.Terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
        var estimate = _ml.FixedEffects[j];
        var theta = _ml.Theta;
        double Zeta(double value, double[] warm)
        {
            var y = working.Select((v, r) => v - value * xj[r]).ToArray();
            var cross = new BlockedCrossProducts(design.Terms, others, y, design.Frame.Weights);
            var deviance = new ProfiledDeviance(cross, EstimationMethod.MaximumLikelihood);
            var result = new Bobyqa().Minimize(th => deviance.Evaluate(th), warm, lower, upper, InnerSettings);
            Array.Copy(result.Minimizer, warm, warm.Length);
            return Math.Sign(value - estimate.Estimate) * Math.Sqrt(Math.Max(0, result.Minimum - _base));
        }
        double step = z * estimate.StandardError;
        double tolerance = 1e-8 * estimate.StandardError;
        var upperWarm = (double[])theta.Clone();
        var lowerWarm = (double[])theta.Clone();
        double? hi = ProfileBound.Find(v => Zeta(v, upperWarm), estimate.Estimate, step, z, double.MaxValue, tolerance);
        double? lo = ProfileBound.Find(v => Zeta(v, lowerWarm), estimate.Estimate, step, -z, double.MinValue, tolerance);
        return (lo ?? double.NaN, hi ?? double.NaN);
    }
}
