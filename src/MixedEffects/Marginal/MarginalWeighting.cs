namespace MixedEffects.Marginal;

/// <summary>How marginal means average over the factors not in the specification (emmeans' <c>weights</c>).</summary>
public enum MarginalWeighting
{
    /// <summary>Every cell counts the same ("equal", emmeans' default).</summary>
    Equal,

    /// <summary>Cells weighted by the marginal frequencies of the averaged-over factors in the data ("proportional").</summary>
    Proportional,

    /// <summary>Cells weighted by their own frequencies in the data ("cells"): the means reproduce the data's cell-weighted means.</summary>
    Cells,
}
