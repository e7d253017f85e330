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

    public ResponseSimulator(LinearMixedModelFit fit)
    {
        _fit = fit;
        _theta = fit.Theta;
        _mean = new double[fit.ObservationCount];
        LinearPredictor.AddFixed(_mean, fit.Design.X.Matrix.Columns, fit.Beta);
    }

    /// <summary>One simulated working response drawn with <paramref name="random"/>.</summary>
    public double[] Simulate(Random random)
    {
        var y = (double[])_mean.Clone();
        double sigma = _fit.Sigma;
        int offset = 0;
        foreach (var t in _fit.Terms)
        {
            int s = t.ColumnCount;
            var lam = new double[s * s];
            t.FillLambda(_theta.AsSpan(offset, t.ThetaCount), lam);
            offset += t.ThetaCount;
            var b = new double[t.RandomEffectCount];
            var u = new double[s];
            for (int g = 0; g < t.LevelCount; g++)
            {
                for (int c = 0; c < s; c++) u[c] = StandardNormal(random);
                for (int i = 0; i < s; i++)
                {
                    double v = 0;
                    for (int k = 0; k <= i; k++) v += lam[i * s + k] * u[k];
                    b[g * s + i] = sigma * v;
                }
            }
            LinearPredictor.AddRandom(y, t, b);
        }
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
