using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// Everything a linear mixed model needs before optimization: the frame, X, the random-effects terms,
/// the response and the blocked cross products. Built once; shared by REML and ML fits of the same model.
/// </summary>
internal sealed class LinearMixedModelDesign
{
    private LinearMixedModelDesign(ModelFrame frame, FixedEffectsMatrix x, IReadOnlyList<RandomEffectsTerm> terms,
        double[] response, BlockedCrossProducts crossProducts, ContrastCoding contrasts)
    {
        Frame = frame;
        X = x;
        Terms = terms;
        Response = response;
        CrossProducts = crossProducts;
        Contrasts = contrasts;
    }

    public ModelFrame Frame { get; }
    public FixedEffectsMatrix X { get; }
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }
    public double[] Response { get; }
    public BlockedCrossProducts CrossProducts { get; }
    public ContrastCoding Contrasts { get; }

    public static LinearMixedModelDesign Build(ModelSpecification spec, DataFrame data, LinearMixedModelOptions options)
    {
        if (spec.Response is null)
            throw new ModelSpecificationException("the formula has no response: write it as 'response ~ terms'");
        var frame = ModelFrame.Build(spec, data, options.WeightsColumn);
        var y = frame.NumericResponse();
        if (y.Any(v => double.IsInfinity(v)))
            throw new ModelSpecificationException($"response '{frame.Response[0].Name}' has infinite values");
        var x = FixedEffectsMatrix.Build(frame, options.Contrasts);
        var terms = RandomEffectsTermBuilder.Build(frame, options.Contrasts);
        var working = y.Select((v, i) => v - frame.Offset[i]).ToArray();
        var cross = new BlockedCrossProducts(terms, x.Matrix.Columns, working, frame.Weights);
        return new LinearMixedModelDesign(frame, x, terms, y, cross, options.Contrasts);
    }
}
