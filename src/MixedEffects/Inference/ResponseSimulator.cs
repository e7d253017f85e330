using MixedEffects.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Simulates responses from a fitted linear mixed model (lme4's <c>simulate</c>): y* = X beta + Z Lambda u* sigma +
/// sigma e* / sqrt(w), with u* and e* standard normal, on the working scale (offset excluded).
/// </summary>
internal sealed class ResponseSimulator
{
    private readonly LinearMixedModelFit _fit;
    private readonly double[] _mean;
    private readonly double[] _theta;
    private readonly int _randomEffectCount;

    public ResponseSimulator(LinearMixedModelFit fit)
    {
        _fit = fit;
        _theta = fit.Theta;
        _randomEffectCount = fit.Terms.Sum(t => t.RandomEffectCount);
        _mean = new double[fit.ObservationCount];
        LinearPredictor.AddFixed(_mean, fit.Design.X.Matrix.Columns, fit.Beta);
    }

    /// <summary>One simulated working response drawn with <paramref name="random"/>.</summary>
    public double[] Simulate(Random random)
    {
        var y = (double[])_mean.Clone();
        double sigma = _fit.Sigma;
        // u* for every random effect, in term order, level-major
        var u = new double[_randomEffectCount];
        for (int k = 0; k < u.Length; k++) u[k] = StandardNormal(random);
        LinearPredictor.AddScaledSpherical(y, _fit.Terms, _theta, u, sigma);
        var w = _fit.Design.Frame.Weights;
        for (int r = 0; r < y.Length; r++)
            y[r] += sigma * StandardNormal(random) / (w is null ? 1.0 : Math.Sqrt(w[r]));
        return y;
    }

    /// <summary>A standard normal deviate by the Box-Muller transform.</summary>
    private static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
