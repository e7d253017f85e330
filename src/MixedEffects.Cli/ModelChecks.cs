using MixedEffects.Inference;

namespace MixedEffects.Cli;

/// <summary>The likelihood-ratio test and parameter intervals <c>mixed fit</c> was asked for (<c>--compare</c>, <c>--confint</c>).</summary>
/// <param name="Comparison">The test against the null model, or null when not requested.</param>
/// <param name="Intervals">The confidence intervals, or null when not requested.</param>
internal sealed record ModelChecks(ModelComparisonResult? Comparison, IReadOnlyList<ConfidenceInterval>? Intervals);
