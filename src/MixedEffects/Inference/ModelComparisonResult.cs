namespace MixedEffects.Inference;

/// <summary>
/// A likelihood-ratio comparison of nested linear mixed models (lme4's <c>anova(m0, m1, ...)</c>): one row per
/// model, ordered by number of parameters.
/// </summary>
/// <param name="Rows">The table rows, fewest parameters first.</param>
/// <param name="Refitted">True when REML fits were refitted by ML before comparing.</param>
/// <param name="Messages">Messages in lme4's wording, e.g. <c>refitting model(s) with ML (instead of REML)</c>.</param>
public sealed record ModelComparisonResult(IReadOnlyList<ModelComparisonRow> Rows, bool Refitted, IReadOnlyList<string> Messages)
{
    /// <summary>The likelihood-ratio statistic of the last row (the largest model against the one before).</summary>
    public double ChiSquare => Rows[^1].ChiSquare ?? double.NaN;

    /// <summary>Degrees of freedom of <see cref="ChiSquare"/>.</summary>
    public int Df => Rows[^1].Df ?? 0;

    /// <summary>p value of <see cref="ChiSquare"/>.</summary>
    public double P => Rows[^1].P ?? double.NaN;
}
