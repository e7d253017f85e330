using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// The linear predictor offset + X beta (+ Z b) of a fitted mixed model for new data, shared by linear models
/// (where it is the prediction) and generalized models (which apply the inverse link after).
/// </summary>
internal static class LinearPredictorForNewData
{
    /// <summary>
    /// Builds the new data's model matrices with the fitted model's factor levels and contrasts. With
    /// <paramref name="includeRandom"/>, a group level not seen in fitting contributes nothing; NaN where a variable is missing.
    /// </summary>
    public static double[] Compute(MixedModelDesign design, double[] beta, RandomEffectsSummary effects, Dataset newData,
        bool includeRandom)
    {
        var spec = design.Frame.Specification;
        var frame = ModelFrame.BuildForPrediction(spec, newData, design.Frame);
        var full = ModelMatrixBuilder.Build(spec.Fixed, frame, design.Contrasts);
        var x = design.X.Matrix.ColumnNames.Select(name => full.Columns[Array.IndexOf(full.ColumnNames, name)]).ToArray();
        var eta = (double[])frame.Offset.Clone();
        LinearPredictor.AddFixed(eta, x, beta);
        if (!includeRandom) return eta;
        var terms = RandomEffectsTermBuilder.BuildForNewData(frame, design.Contrasts, effects.Terms);
        for (int i = 0; i < terms.Count; i++) LinearPredictor.AddRandom(eta, terms[i], effects.RandomEffects[i]);
        return eta;
    }
}
