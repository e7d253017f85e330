using MixedEffects.Models;
using MixedEffects.Optimization;

namespace MixedEffects.Inference;

/// <summary>
/// Profile-likelihood intervals as lme4's <c>confint(profile(m))</c>, computed by root finding on the signed square
/// root of the ML deviance increase (zeta) instead of lme4's spline through a grid. A variance parameter (standard
/// deviation, correlation or sigma) is held at a value while the others are re-optimized with BOBYQA; a fixed effect
/// is held in the fit's factor while theta is re-optimized (the other fixed effects and sigma profiled out). Parameters are profiled in parallel.
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

    /// <summary>
    /// Profile traces: zeta at <paramref name="pointsPerSide"/> values on each side of every estimate, evenly spaced up
    /// to the bound where |zeta| = <paramref name="z"/> (or the parameter's limit when the profile does not reach it).
    /// </summary>
    public IReadOnlyList<ParameterProfile> Traces(double z, int pointsPerSide)
    {
        int nv = _parameters.Count, p = _ml.FixedEffectNames.Count;
        var traces = new ParameterProfile[nv + p];
        ParallelLoop.For(nv + p, k => traces[k] = Trace(k, z, pointsPerSide));
        return traces;
    }

    private ParameterProfile Trace(int k, double z, int pointsPerSide)
    {
        int nv = _parameters.Count;
        string name = k < nv ? _parameters.Names[k] : _ml.FixedEffectNames[k - nv];
        double estimate = k < nv ? _estimates[k] : _ml.FixedEffects[k - nv].Estimate;
        var (lower, upper) = k < nv ? VarianceBounds(k, z) : FixedBounds(k - nv, z);
        var points = new List<ProfilePoint> { new(estimate, 0) };
        foreach (double end in new[] { lower, upper })
        {
            if (double.IsNaN(end) || end == estimate) continue;
            var zeta = k < nv ? VarianceZeta(k) : FixedZeta(k - nv);
            for (int i = 1; i <= pointsPerSide; i++)
            {
                double value = estimate + (end - estimate) * i / pointsPerSide;
                points.Add(new ProfilePoint(value, zeta(value)));
            }
        }
        return new ParameterProfile(name, estimate, lower, upper,
            k < nv && _parameters.IsStandardDeviation[k], points.OrderBy(q => q.Value).ToArray());
    }

    private (double, double) VarianceBounds(int k, double z)
    {
        bool sd = _parameters.IsStandardDeviation[k];
        double estimate = _estimates[k];
        double scale = VarianceScales()[k];
        double step = sd ? 0.25 * scale : 0.2;
        double tolerance = 1e-7 * (sd ? scale : 1);
        double? hi = ProfileBound.Find(VarianceZeta(k), estimate, step, z, sd ? double.MaxValue : 1.0, tolerance);
        double? lo = ProfileBound.Find(VarianceZeta(k), estimate, Math.Min(step, sd ? estimate : 2), -z, sd ? 0.0 : -1.0, tolerance);
        double lowerBound = lo ?? (sd ? 0.0 : double.NaN);
        return (lowerBound, hi ?? double.NaN);
    }

    private double[] VarianceScales()
    {
        double sigma = _estimates[^1];
        return _estimates.Select((v, i) => _parameters.IsStandardDeviation[i] ? (v > 0 ? v : sigma) : 1.0).ToArray();
    }

    /// <summary>Zeta of variance parameter <paramref name="k"/> at a value, the others re-optimized from a warm start kept between calls.</summary>
    private Func<double, double> VarianceZeta(int k)
    {
        double estimate = _estimates[k];
        var scales = VarianceScales();
        var free = Enumerable.Range(0, _parameters.Count).Where(i => i != k).ToArray();
        var lower = free.Select(i => i == _parameters.Count - 1 ? 1e-8 : _parameters.IsStandardDeviation[i] ? 0.0 : -1.0).ToArray();
        var upper = free.Select(i => _parameters.IsStandardDeviation[i] ? double.PositiveInfinity : 1.0).ToArray();
        var warm = free.Select(i => _estimates[i] / scales[i]).ToArray();
        double Solve(double value)
        {
            var deviance = new SigmaDeviance(_ml.Design.CrossProducts, _parameters);
            var full = (double[])_estimates.Clone();
            full[k] = value;
            double Objective(double[] x)
            {
                for (int f = 0; f < free.Length; f++) full[free[f]] = x[f] * scales[free[f]];
                return deviance.Evaluate(full);
            }
            var result = OptimizerFactory.Search(OptimizerChoice.Bobyqa).Minimize(Objective, warm, lower, upper, InnerSettings);
            Array.Copy(result.Minimizer, warm, warm.Length);
            return result.Minimum;
        }
        return value => Math.Sign(value - estimate) * Math.Sqrt(Math.Max(0, Solve(value) - _base));
    }

    private (double, double) FixedBounds(int j, double z)
    {
        var estimate = _ml.FixedEffects[j];
        double step = z * estimate.StandardError;
        double tolerance = 1e-8 * estimate.StandardError;
        double? hi = ProfileBound.Find(FixedZeta(j), estimate.Estimate, step, z, double.MaxValue, tolerance);
        double? lo = ProfileBound.Find(FixedZeta(j), estimate.Estimate, step, -z, double.MinValue, tolerance);
        return (lo ?? double.NaN, hi ?? double.NaN);
    }

    /// <summary>
    /// Zeta of fixed effect <paramref name="j"/> at a value, theta re-optimized from a warm start: the ML deviance with
    /// beta_j held (<see cref="ProfiledDeviance.EvaluateWithFixedEffectHeld"/>) on the fit's cross products.
    /// </summary>
    private Func<double, double> FixedZeta(int j)
    {
        var map = _ml.Objective.Parameters;
        double estimate = _ml.FixedEffects[j].Estimate;
        var warm = _ml.Theta;
        var deviance = new ProfiledDeviance(_ml.Design.CrossProducts, EstimationMethod.MaximumLikelihood);
        return value =>
        {
            var result = map.MinimizeLocally(th => deviance.EvaluateWithFixedEffectHeld(th, j, value), warm, InnerSettings);
            Array.Copy(result.Minimizer, warm, warm.Length);
            return Math.Sign(value - estimate) * Math.Sqrt(Math.Max(0, result.Minimum - _base));
        };
    }
}
