using MixedEffects.Distributions;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Likelihood-ratio tests of the random-effects terms of a linear mixed model, as lmerTest's <c>ranova(m)</c>:
/// each term is reduced or removed in turn, the reduced model is fitted by the same criterion (REML or ML) to the
/// same observations, and compared with the full model by a chi-square on the difference in parameters.
/// </summary>
public static class RandomEffectsTests
{
    /// <summary>The table: first the full model (<c>&lt;none&gt;</c>), then one row per reduction.</summary>
    /// <exception cref="MixedEffectsException">When a reduced model cannot be fitted.</exception>
    public static IReadOnlyList<RandomEffectsTestRow> Compute(LinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var rows = new List<RandomEffectsTestRow>
        {
            new("<none>", fit.ParameterCount, fit.LogLikelihood, -2 * fit.LogLikelihood + 2 * fit.ParameterCount, null, null, null),
        };
        var reductions = RandomTermReduction.All(fit.Design.Frame.Specification);
        var reduced = new RelatedModel[reductions.Count];
        ParallelLoop.For(reductions.Count, i =>
            reduced[i] = ModelRefitting.FitRelated(fit, reductions[i].Reduced, ModelRefitting.FormulaText(reductions[i].Reduced), fit.Method));
        for (int i = 0; i < reductions.Count; i++)
        {
            var r = reduced[i];
            double lrt = 2 * (fit.LogLikelihood - r.LogLikelihood);
            int df = fit.ParameterCount - r.ParameterCount;
            rows.Add(new RandomEffectsTestRow(reductions[i].Label, r.ParameterCount, r.LogLikelihood,
                -2 * r.LogLikelihood + 2 * r.ParameterCount, lrt, df, ProbabilityFunctions.ChiSquareUpperTail(Math.Max(lrt, 0), df)));
        }
        return rows;
    }
}
