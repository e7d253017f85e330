using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>The optional tables of a linear fit computed once for the text, JSON and CSV outputs.</summary>
/// <param name="Ranova">lmerTest's ranova rows (<c>--ranova</c>), or null.</param>
/// <param name="JointTests">emmeans' joint tests (<c>--joint-tests</c>), or null.</param>
/// <param name="Coefs">The coefficient table with confidence limits (<c>--ci</c>), or null.</param>
internal sealed record LinearModelSections(
    IReadOnlyList<RandomEffectsTestRow>? Ranova,
    IReadOnlyList<JointTest>? JointTests,
    IReadOnlyList<CoefficientIntervalRow>? Coefs);
