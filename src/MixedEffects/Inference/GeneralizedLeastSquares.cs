using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// A linear model without random effects whose residual variance follows a variance function (nlme's
/// <c>gls(model, data, weights = varIdent(...), method = "REML"|"ML")</c>): the mixed model's criterion with a residual
/// variance structure (<see cref="LinearMixedModelOptions.Variance"/>) on a design with no random-effects terms, so the
/// variance function's parameters are the only ones optimized; without a variance function, the REML or ML fit of
/// ordinary least squares. A variance function of the fitted values (<c>varPower(~ fitted(.))</c>) is fitted as nlme
/// does (<see cref="FittedValuesVariance"/>).
/// </summary>
public static class GeneralizedLeastSquares
{
    /// <summary>
    /// Fits <paramref name="formula"/> (no random-effects terms) to <paramref name="data"/> by the options' method,
    /// variance function, contrasts, prior weights and optimizer.
    /// </summary>
    /// <exception cref="MixedEffectsException">
    /// For a bad formula, a random-effects term, an unknown column (of the formula or the variance function), or a model
    /// that cannot be fitted.
    /// </exception>
    public static GeneralizedLeastSquaresFit Fit(string formula, Dataset data, LinearMixedModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LinearMixedModelOptions();
        var spec = ModelSpecification.FromFormula(formula);
        if (spec.Random.Count > 0)
            throw new ModelSpecificationException(
                $"generalized least squares takes no random-effects terms; remove the '| {spec.Random[0].GroupName}' term from '{formula}'");
        var design = LinearMixedModelDesign.Build(spec, data, options, allowNoTerms: true);
        if (FittedValuesVariance.Applies(options.Variance))
            return new GeneralizedLeastSquaresFit(FittedValuesVariance.Fit(spec, design, data, options, formula));
        var objective = LinearMixedModelObjective.For(design, options, formula);
        var fit = objective.Parameters.Count == 0 ? objective.FitAt([]) : LinearMixedModel.Fit(objective);
        return new GeneralizedLeastSquaresFit(fit);
    }
}
