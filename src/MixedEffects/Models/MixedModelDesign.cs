using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Models;

/// <summary>
/// What linear and generalized mixed models share before fitting: the model frame, the fixed-effects matrix X,
/// the random-effects terms and the contrast coding they were built with.
/// </summary>
internal abstract class MixedModelDesign
{
    /// <summary>
    /// Builds X and the random-effects terms (in that order) from a frame whose response has been checked; with
    /// <paramref name="allowNoTerms"/> the formula may have none (generalized least squares).
    /// </summary>
    protected MixedModelDesign(ModelFrame frame, ContrastCoding contrasts, bool requireFewerLevelsThanObservations, bool allowNoTerms = false)
    {
        Frame = frame;
        X = FixedEffectsMatrix.Build(frame, contrasts);
        if (X.ColumnCount >= frame.RowCount)
            throw new ModelSpecificationException(
                $"the fixed effects have {X.ColumnCount} coefficients for {frame.RowCount} observations: " +
                "no residual degrees of freedom (a saturated design); remove fixed-effect terms");
        Terms = RandomEffectsTermBuilder.Build(frame, contrasts, requireFewerLevelsThanObservations, allowNoTerms);
        Contrasts = contrasts;
    }

    /// <summary>The design of <paramref name="source"/> on another frame of the same rows (other weights): X and the terms are shared.</summary>
    protected MixedModelDesign(MixedModelDesign source, ModelFrame frame)
    {
        Frame = frame;
        X = source.X;
        Terms = source.Terms;
        Contrasts = source.Contrasts;
    }

    /// <summary>The model frame (rows used, offset, weights).</summary>
    public ModelFrame Frame { get; }

    /// <summary>The fixed-effects matrix after dropping dependent columns.</summary>
    public FixedEffectsMatrix X { get; }

    /// <summary>The random-effects terms in lme4's order.</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }

    /// <summary>The contrast coding used for X and the terms.</summary>
    public ContrastCoding Contrasts { get; }

    /// <summary>The model frame of <paramref name="data"/>; the formula must have a response.</summary>
    protected static ModelFrame BuildFrame(ModelSpecification spec, Dataset data, string? weightsColumn)
    {
        if (spec.Response is null)
            throw new ModelSpecificationException("the formula has no response: write it as 'response ~ terms'");
        return ModelFrame.Build(spec, data, weightsColumn);
    }
}
