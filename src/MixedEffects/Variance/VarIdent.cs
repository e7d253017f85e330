using MixedEffects.Design;

namespace MixedEffects.Variance;

/// <summary>
/// nlme's <c>varIdent(~ 1 | f)</c>: a residual standard deviation per stratum (level of a factor, or of the
/// interaction f1 * f2), sigma delta_s with delta = 1 in the reference stratum (the first level). The optimizer works
/// on log delta, as nlme's unconstrained coefficients.
/// </summary>
public sealed record VarIdent : VarianceFunction
{
    /// <summary>Creates the function for one or more stratifying columns (interaction when several).</summary>
    public VarIdent(IReadOnlyList<string> strata)
    {
        ArgumentNullException.ThrowIfNull(strata);
        if (strata.Count == 0) throw new ArgumentException("at least one stratifying column is needed", nameof(strata));
        Strata = strata.ToArray();
    }

    /// <summary>The stratifying columns.</summary>
    public IReadOnlyList<string> Strata { get; }

    /// <inheritdoc/>
    public override string Structure => "varIdent";

    /// <inheritdoc/>
    public override string Form => $"~1 | {string.Join(" * ", Strata)}";

    /// <inheritdoc/>
    public override string Description => "Different standard deviations per stratum";

    /// <inheritdoc/>
    internal override BoundVarianceFunction Bind(ModelFrame frame)
    {
        var factors = Strata.Select(s => VarianceVariables.Factor(frame, this, s)).ToArray();
        var (codes, levels) = VarianceVariables.Interaction(factors);
        if (levels.Count < 2)
            throw new ModelSpecificationException(
                $"{this}: '{string.Join(" * ", Strata)}' has only one level ('{levels[0]}'); varIdent needs at least two strata");
        var counts = new int[levels.Count];
        foreach (int c in codes) counts[c]++;
        for (int s = 0; s < counts.Length; s++)
            if (counts[s] < 2)
                throw new ModelSpecificationException(
                    $"{this}: stratum '{levels[s]}' has only {counts[s]} observation; each stratum needs at least two");
        // log g_s = p_s for s >= 1 (p_0 = 0): one column per non-reference stratum
        var design = new double[levels.Count * (levels.Count - 1)];
        for (int s = 1; s < levels.Count; s++) design[s * (levels.Count - 1) + s - 1] = 1;
        return new BoundVarianceFunction(this, codes, levels, design, levels.Skip(1).ToArray(), null);
    }
}
