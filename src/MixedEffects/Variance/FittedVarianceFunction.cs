namespace MixedEffects.Variance;

/// <summary>
/// A variance function at its estimates, as nlme reports it: varIdent's ratios delta_s (1 in the reference stratum,
/// the first level) and the residual standard deviation per stratum, sigma delta_s; varExp's t or varPower's d.
/// Immutable; arrays returned are copies.
/// </summary>
public sealed class FittedVarianceFunction
{
    private readonly double[] _unconstrained;
    private readonly double[] _stratumLogG;

    internal FittedVarianceFunction(BoundVarianceFunction bound, double[] scaled, double sigma)
    {
        Bound = bound;
        Scaled = scaled.ToArray();
        _unconstrained = bound.Unscale(scaled);
        _stratumLogG = new double[bound.Strata.Count];
        bound.LogG(scaled, _stratumLogG);
        Sigma = sigma;
    }

    internal BoundVarianceFunction Bound { get; }

    /// <summary>The parameters on the optimizer's scale.</summary>
    internal double[] Scaled { get; }

    /// <summary>The variance function.</summary>
    public VarianceFunction Function => Bound.Function;

    /// <summary>nlme's class name: <c>varIdent</c>, <c>varExp</c> or <c>varPower</c>.</summary>
    public string Structure => Function.Structure;

    /// <summary>The formula as nlme prints it, e.g. <c>~1 | session</c>.</summary>
    public string Form => Function.Form;

    /// <summary>Number of estimated parameters (strata minus one for varIdent; one for varExp and varPower).</summary>
    public int ParameterCount => _unconstrained.Length;

    /// <summary>Names of the parameters: the non-reference strata (varIdent), <c>expon</c> (varExp), <c>power</c> (varPower).</summary>
    public IReadOnlyList<string> ParameterNames => Bound.ParameterNames;

    /// <summary>The parameters on nlme's unconstrained scale: log delta (varIdent), t (varExp), d (varPower).</summary>
    public double[] UnconstrainedParameters => (double[])_unconstrained.Clone();

    /// <summary>The parameters as nlme prints them: delta (varIdent), t (varExp), d (varPower).</summary>
    public double[] Parameters => Function is VarIdent ? _unconstrained.Select(Math.Exp).ToArray() : UnconstrainedParameters;

    /// <summary>The residual standard deviation of the reference stratum (g = 1).</summary>
    public double Sigma { get; }

    /// <summary>The strata of a varIdent function (levels, or level combinations joined by '*'), the reference first; empty otherwise.</summary>
    public IReadOnlyList<string> Strata => Function is VarIdent ? Bound.Strata : [];

    /// <summary>varIdent's delta per stratum (1 for the reference), in the order of <see cref="Strata"/>; empty otherwise.</summary>
    public double[] StratumRatios => Function is VarIdent ? _stratumLogG.Select(Math.Exp).ToArray() : [];

    /// <summary>varIdent's residual standard deviation per stratum, sigma delta_s; empty otherwise.</summary>
    public double[] StratumStandardDeviations => StratumRatios.Select(r => Sigma * r).ToArray();

    /// <summary>g_i for each observation used (sigma g_i is its residual standard deviation, before prior weights).</summary>
    public double[] VarianceFactors() => Bound.StratumOf.Select(s => Math.Exp(_stratumLogG[s])).ToArray();
}
