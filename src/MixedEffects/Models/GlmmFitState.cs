namespace MixedEffects.Models;

/// <summary>Copies of the conditional modes, linear predictor, means and conditional variances at the optimum.</summary>
internal sealed class GlmmFitState
{
    private GlmmFitState(double[][] spherical, double[][] randomEffects, double[][] conditionalVariances, double[] eta,
        double[] mu, double conditionalDeviance)
    {
        SphericalEffects = spherical;
        RandomEffects = randomEffects;
        ConditionalVariances = conditionalVariances;
        Eta = eta;
        Mu = mu;
        ConditionalDeviance = conditionalDeviance;
    }

    /// <summary>u per term, level-major.</summary>
    public double[][] SphericalEffects { get; }

    /// <summary>b = Lambda u per term, level-major.</summary>
    public double[][] RandomEffects { get; }

    /// <summary>Per term, per level, the s x s conditional covariance (row-major), level-major.</summary>
    public double[][] ConditionalVariances { get; }

    public double[] Eta { get; }

    public double[] Mu { get; }

    public double ConditionalDeviance { get; }

    public static GlmmFitState Capture(GlmmDeviance deviance)
    {
        var terms = deviance.LastProducts.Products.Terms;
        var spherical = new double[terms.Count][];
        var b = new double[terms.Count][];
        int offset = 0;
        for (int i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            int s = t.ColumnCount;
            var u = deviance.U.AsSpan(offset, t.RandomEffectCount).ToArray();
            offset += t.RandomEffectCount;
            var lam = deviance.Lambda(i);
            var bi = new double[u.Length];
            for (int g = 0; g < t.LevelCount; g++)
                for (int r = 0; r < s; r++)
                {
                    double v = 0;
                    for (int c = 0; c <= r; c++) v += lam[r * s + c] * u[g * s + c];
                    bi[g * s + r] = v;
                }
            spherical[i] = u;
            b[i] = bi;
        }
        var cv = MixedEffects.Models.ConditionalVariances.Compute(deviance.LastProducts.Factor, 1.0);
        return new GlmmFitState(spherical, b, cv, deviance.Eta.ToArray(), deviance.Mu.ToArray(), deviance.ConditionalDeviance());
    }
}
