using MixedEffects.Inference;

namespace MixedEffects.Cli;

/// <summary>What <c>mixed fit</c> computed from a linear fit besides the fit itself, one member per report section.</summary>
/// <param name="Tests">t tests and intervals of the fixed effects (asymptotic with <c>--ddf none</c>).</param>
/// <param name="Anova">The ANOVA table, or null when not requested.</param>
/// <param name="Means">The marginal means and their contrasts, or null when not requested.</param>
internal sealed record FitResults(
    IReadOnlyList<FixedEffectTest> Tests,
    AnovaTable? Anova,
    MarginalMeansSection? Means);
