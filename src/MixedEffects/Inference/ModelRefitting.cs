using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Refits a linear mixed model by another criterion, or fits a related model (reduced random part, null fixed part)
/// to the same observations, with the fit's contrast coding.
/// </summary>
internal static class ModelRefitting
{
    /// <summary>Options equivalent to the fit's, with the given criterion.</summary>
    public static LinearMixedModelOptions Options(LinearMixedModelFit fit, EstimationMethod method) =>
        fit.Options with { Method = method };

    /// <summary>The same model fitted by <paramref name="method"/> (the fit itself when it already is).</summary>
    public static LinearMixedModelFit Refit(this LinearMixedModelFit fit, EstimationMethod method) =>
        fit.Method == method ? fit : LinearMixedModel.Fit(fit.Objective.WithMethod(method));

    /// <summary>
    /// Fits another specification to the observations the fit used (R's <c>update(m, data = model.frame(m))</c>):
    /// a mixed model when it has random-effects terms, otherwise least squares (returned as its log-likelihood).
    /// </summary>
    public static RelatedModel FitRelated(LinearMixedModelFit fit, ModelSpecification spec, string formula, EstimationMethod method)
    {
        var data = fit.Design.Frame.Data.SelectRows(fit.Design.Frame.Rows);
        if (spec.Random.Count > 0)
        {
            var options = Options(fit, method);
            var design = LinearMixedModelDesign.Build(spec, data, options);
            var related = LinearMixedModel.Fit(design, options, formula);
            return new RelatedModel(formula, related.ParameterCount, related.LogLikelihood, related.ObservationCount, related);
        }
        if (fit.VarianceFunction is { } variance)
            throw new ModelSpecificationException(
                $"a null model without random effects cannot be fitted with the residual variance function {variance.Function}; keep a random-effects term");
        var frame = ModelFrame.Build(spec, data, fit.Options.WeightsColumn);
        var x = FixedEffectsMatrix.Build(frame, fit.Design.Contrasts);
        var y = frame.NumericResponse().Select((v, i) => v - frame.Offset[i]).ToArray();
        var solver = LeastSquaresSolver.Solve(x.Matrix.Columns, y, frame.Weights);
        return new RelatedModel(formula, x.ColumnCount + 1, solver.LogLikelihood(method == EstimationMethod.Reml), y.Length, null);
    }

    /// <summary>The same model with one residual variance (the fit's variance function dropped), fitted by <paramref name="method"/>.</summary>
    public static RelatedModel WithoutVarianceFunction(LinearMixedModelFit fit, EstimationMethod method)
    {
        var options = Options(fit, method) with { Variance = null };
        var related = LinearMixedModel.Fit(fit.Design.PriorWeighted, options, fit.Formula);
        return new RelatedModel(fit.Formula, related.ParameterCount, related.LogLikelihood, related.ObservationCount, related);
    }

    /// <summary>Writes a specification back as a formula R would print (used for reduced models).</summary>
    public static string FormulaText(ModelSpecification spec)
    {
        var parts = new List<string>();
        parts.Add(TermListText(spec.Fixed));
        parts.AddRange(spec.Offsets.Select(o => $"offset({o.Name})"));
        parts.AddRange(spec.Random.Select(r => $"({RandomTermText(r)})"));
        return $"{spec.Response?.Name} ~ {string.Join(" + ", parts)}";
    }

    /// <summary>A random-effects term as lme4 deparses it, e.g. <c>Days | Subject</c>, <c>1 | plate</c>, <c>0 + Days | Subject</c>.</summary>
    public static string RandomTermText(RandomEffectsSpec r) => $"{TermListText(r.Effects)} | {r.GroupName}";

    private static string TermListText(TermList list)
    {
        var labels = list.Terms.Select(t => t.Label).ToList();
        if (!list.HasIntercept) return string.Join(" + ", new[] { "0" }.Concat(labels));
        return labels.Count == 0 ? "1" : string.Join(" + ", labels);
    }
}
