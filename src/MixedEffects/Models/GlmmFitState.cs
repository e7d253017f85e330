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
        var factor = deviance.LastFactor;
        var terms = factor.CrossProducts.Terms;
        var spherical = new double[terms.Count][];
        for (int i = 0, offset = 0; i < terms.Count; offset += terms[i].RandomEffectCount, i++)
            spherical[i] = deviance.U.AsSpan(offset, terms[i].RandomEffectCount).ToArray();
        var b = factor.ScaledEffects(deviance.U);
        var cv = factor.ConditionalCovariances(1.0);
        return new GlmmFitState(spherical, b, cv, deviance.Eta.ToArray(), deviance.Mu.ToArray(), deviance.ConditionalDeviance());
    }
}
