using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// Everything a linear mixed model needs before optimization: the frame, X, the random-effects terms,
/// the response and the blocked cross products. Built once; shared by REML and ML fits of the same model.
/// </summary>
internal sealed class LinearMixedModelDesign : MixedModelDesign
{
    private readonly Lazy<BlockedCrossProducts> _crossProducts;

    private LinearMixedModelDesign(ModelFrame frame, double[] response, ContrastCoding contrasts, bool allowNoTerms)
        : base(frame, contrasts, requireFewerLevelsThanObservations: true, allowNoTerms)
    {
        Response = response;
        PriorWeighted = this;
        _crossProducts = new(BuildCrossProducts);
    }

    /// <summary>The design of <paramref name="prior"/> with other weights: X and the terms are shared, not rebuilt.</summary>
    private LinearMixedModelDesign(LinearMixedModelDesign prior, double[] weights)
        : base(prior, prior.Frame.WithWeights(weights))
    {
        Response = prior.Response;
        PriorWeighted = prior;
        _crossProducts = new(BuildCrossProducts);
    }

    private BlockedCrossProducts BuildCrossProducts()
    {
        var working = Response.Select((v, i) => v - Frame.Offset[i]).ToArray();
        return new BlockedCrossProducts(Terms, X.Matrix.Columns, working, Frame.Weights);
    }

    /// <summary>The numeric response.</summary>
    public double[] Response { get; }

    /// <summary>
    /// The design with the prior weights only: this design itself, or, for the weights of a residual variance structure
    /// at its estimates (<see cref="Reweighted"/>), the design they were derived from.
    /// </summary>
    public LinearMixedModelDesign PriorWeighted { get; }

    /// <summary>The same model with the weights prior_i / g_i^2 of a residual variance structure.</summary>
    public LinearMixedModelDesign Reweighted(double[] weights) => new(PriorWeighted, weights);

    /// <summary>The blocked cross products of [Z X y - offset] (computed when first needed).</summary>
    public BlockedCrossProducts CrossProducts => _crossProducts.Value;

    /// <summary>
    /// The design of <paramref name="spec"/> on <paramref name="data"/>; with <paramref name="allowNoTerms"/> a formula
    /// without random-effects terms gives a design with none (generalized least squares: Z has no columns).
    /// </summary>
    public static LinearMixedModelDesign Build(ModelSpecification spec, Dataset data, LinearMixedModelOptions options, bool allowNoTerms = false)
    {
        var frame = BuildFrame(spec, data, options.WeightsColumn);
        var y = frame.NumericResponse();
        if (y.Any(v => double.IsInfinity(v)))
            throw new ModelSpecificationException($"response '{frame.Response[0].Name}' has infinite values");
        return new LinearMixedModelDesign(frame, y, options.Contrasts, allowNoTerms);
    }
}
