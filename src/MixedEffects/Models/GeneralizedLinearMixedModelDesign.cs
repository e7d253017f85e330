using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Models;

/// <summary>The frame, X, the random-effects terms and the response of a generalized linear mixed model.</summary>
internal sealed class GeneralizedLinearMixedModelDesign
{
    private GeneralizedLinearMixedModelDesign(ModelFrame frame, FixedEffectsMatrix x, IReadOnlyList<RandomEffectsTerm> terms,
        GlmResponse response, ContrastCoding contrasts)
    {
        Frame = frame;
        X = x;
        Terms = terms;
        Response = response;
        Contrasts = contrasts;
    }

    public ModelFrame Frame { get; }
    public FixedEffectsMatrix X { get; }
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }
    public GlmResponse Response { get; }
    public ContrastCoding Contrasts { get; }

    public static GeneralizedLinearMixedModelDesign Build(ModelSpecification spec, DataFrame data, GlmFamily family,
        GeneralizedLinearMixedModelOptions options)
    {
        if (spec.Response is null)
            throw new ModelSpecificationException("the formula has no response: write it as 'response ~ terms'");
        var frame = ModelFrame.Build(spec, data, options.WeightsColumn);
        var response = GlmResponse.Build(frame, family);
        var x = FixedEffectsMatrix.Build(frame, options.Contrasts);
        // glmer does not require fewer levels than observations (observation-level random effects are common)
        var terms = RandomEffectsTermBuilder.Build(frame, options.Contrasts, requireFewerLevelsThanObservations: false);
        return new GeneralizedLinearMixedModelDesign(frame, x, terms, response, options.Contrasts);
    }
}
