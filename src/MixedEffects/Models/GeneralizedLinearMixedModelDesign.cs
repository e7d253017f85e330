using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Models;

/// <summary>The frame, X, the random-effects terms and the response of a generalized linear mixed model.</summary>
internal sealed class GeneralizedLinearMixedModelDesign : MixedModelDesign
{
    // glmer does not require fewer levels than observations (observation-level random effects are common)
    private GeneralizedLinearMixedModelDesign(ModelFrame frame, GlmResponse response, ContrastCoding contrasts)
        : base(frame, contrasts, requireFewerLevelsThanObservations: false) =>
        Response = response;

    /// <summary>The response, weights and family-specific checks.</summary>
    public GlmResponse Response { get; }

    public static GeneralizedLinearMixedModelDesign Build(ModelSpecification spec, Dataset data, GlmFamily family,
        GeneralizedLinearMixedModelOptions options)
    {
        var frame = BuildFrame(spec, data, options.WeightsColumn);
        return new GeneralizedLinearMixedModelDesign(frame, GlmResponse.Build(frame, family), options.Contrasts);
    }
}
