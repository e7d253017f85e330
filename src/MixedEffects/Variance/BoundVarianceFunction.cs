namespace MixedEffects.Variance;

/// <summary>
/// A variance function evaluated on a model frame. Every row belongs to a stratum (a level for varIdent, a distinct
/// covariate value for varExp and varPower), and log g is linear in the parameters within a stratum:
/// log g_s = sum_k D[s, k] p_k (varIdent: D = indicators of the non-reference strata; varExp: D = x_s; varPower:
/// D = log |x_s|). The optimizer sees p_k scaled by max_s |D[s, k]|, so a unit step changes log g by at most one.
/// </summary>
internal sealed class BoundVarianceFunction
{
    private readonly double[] _design;   // strata x parameters, row-major
    private readonly double[] _scale;

    public BoundVarianceFunction(VarianceFunction function, int[] stratumOfRow, IReadOnlyList<string> strata, double[] design,
        IReadOnlyList<string> parameterNames, double[]? covariateValues)
    {
        Function = function;
        StratumOf = stratumOfRow;
        Strata = strata;
        _design = design;
        ParameterNames = parameterNames;
        CovariateValues = covariateValues;
        int k = parameterNames.Count;
        _scale = new double[k];
        for (int j = 0; j < k; j++)
        {
            double max = 0;
            for (int s = 0; s < strata.Count; s++) max = Math.Max(max, Math.Abs(design[s * k + j]));
            _scale[j] = max > 0 ? max : 1;
        }
        StratumSizes = new int[strata.Count];
        foreach (int s in stratumOfRow) StratumSizes[s]++;
    }

    /// <summary>The function this was bound from.</summary>
    public VarianceFunction Function { get; }

    /// <summary>Stratum index of each row of the frame.</summary>
    public int[] StratumOf { get; }

    /// <summary>Stratum labels (levels, or the covariate's distinct values).</summary>
    public IReadOnlyList<string> Strata { get; }

    /// <summary>Rows per stratum.</summary>
    public int[] StratumSizes { get; }

    /// <summary>The covariate value of each stratum (varExp, varPower), or null (varIdent).</summary>
    public double[]? CovariateValues { get; }

    /// <summary>Names of the parameters (varIdent: the non-reference strata; varExp: expon; varPower: power).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Number of parameters.</summary>
    public int ParameterCount => ParameterNames.Count;

    /// <summary>log g per stratum for parameters on the optimizer's scale.</summary>
    public void LogG(ReadOnlySpan<double> scaled, Span<double> logG)
    {
        int k = ParameterCount;
        for (int s = 0; s < Strata.Count; s++)
        {
            double v = 0;
            for (int j = 0; j < k; j++) v += _design[s * k + j] * scaled[j] / _scale[j];
            logG[s] = v;
        }
    }

    /// <summary>d log g_s / d p_k: the design value of stratum <paramref name="stratum"/> for parameter <paramref name="parameter"/>.</summary>
    public double DesignValue(int stratum, int parameter) => _design[stratum * ParameterCount + parameter];

    /// <summary>The parameters on nlme's unconstrained scale (log delta, t, d) from the optimizer's scale.</summary>
    public double[] Unscale(ReadOnlySpan<double> scaled)
    {
        var p = new double[ParameterCount];
        for (int j = 0; j < p.Length; j++) p[j] = scaled[j] / _scale[j];
        return p;
    }

    /// <summary>The optimizer's scale from nlme's unconstrained parameters.</summary>
    public double[] Scale(ReadOnlySpan<double> parameters)
    {
        var u = new double[ParameterCount];
        for (int j = 0; j < u.Length; j++) u[j] = parameters[j] * _scale[j];
        return u;
    }
}
