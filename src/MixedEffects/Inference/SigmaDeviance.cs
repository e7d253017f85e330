using MixedEffects.LinearAlgebra;

namespace MixedEffects.Inference;

/// <summary>
/// The ML deviance as a function of the variance parameters on the standard-deviation / correlation scale with
/// sigma explicit (lme4's <c>devfun2</c>): -2 log L = log|L_Z|^2 + n log(2 pi sigma^2) + r^2(theta) / sigma^2, the
/// fixed effects profiled out. Owns its factor; not thread-safe.
/// </summary>
internal sealed class SigmaDeviance
{
    private readonly BlockedCrossProducts _cross;
    private readonly BlockedCholeskyFactor _factor;
    private readonly VarianceParameters _parameters;
    private readonly double[] _theta;

    public SigmaDeviance(BlockedCrossProducts cross, VarianceParameters parameters)
    {
        _cross = cross;
        _factor = cross.CreateFactor();
        _parameters = parameters;
        _theta = new double[parameters.ThetaCount];
    }

    /// <summary>The deviance at the parameters (sigma last); +infinity where they give no valid covariance.</summary>
    public double Evaluate(ReadOnlySpan<double> parameters)
    {
        double sigma = parameters[^1];
        if (!(sigma > 0) || !_parameters.ToTheta(parameters, _theta) || !_factor.Update(_theta)) return double.PositiveInfinity;
        int n = _cross.RowCount;
        return _factor.LogDetZ + n * Math.Log(2 * Math.PI * sigma * sigma) + _factor.PenalizedRss / (sigma * sigma) - _cross.SumLogWeights;
    }
}
