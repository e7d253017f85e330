namespace MixedEffects.Marginal;

/// <summary>
/// The contrasts of one family of k means: names, coefficients (one row per contrast, one column per mean)
/// and what emmeans attaches to them (default adjustment, whether they are the complete pairwise set).
/// </summary>
/// <param name="Names">The contrast labels.</param>
/// <param name="Coefficients">Coefficients, [contrast][mean].</param>
/// <param name="DefaultAdjustment">The adjustment emmeans uses by default for this method.</param>
/// <param name="IsPairwise">True for pairwise and revpairwise (Tukey's method applies).</param>
internal sealed record ContrastSet(IReadOnlyList<string> Names, IReadOnlyList<double[]> Coefficients,
    AdjustmentMethod DefaultAdjustment, bool IsPairwise);
