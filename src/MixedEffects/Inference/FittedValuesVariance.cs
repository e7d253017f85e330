using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;
using MixedEffects.Variance;

namespace MixedEffects.Inference;

/// <summary>
/// Generalized least squares with a variance function of the fitted values (<c>varPower(~ fitted(.))</c>, nlme's
/// default form of varPower): as nlme's <c>gls</c>, the covariate starts at the least-squares fitted values and is
/// renewed from each fit's fitted values, the variance parameter estimated with the covariate held fixed, until the
/// parameter's change moves log g by at most <see cref="Tolerance"/> anywhere in the data. The covariate enters the
/// data as a column named <c>fitted(.)</c>.
/// </summary>
internal static class FittedValuesVariance
{
    // largest change of log g over the data between two iterations at the fixed point; the criterion is flat to
    // rounding within about 1e-6 of the parameter's optimum, so the optimizer places it no closer than that and a much
    // tighter tolerance would not be met
    private const double Tolerance = 1e-5;
    private const int MaxIterations = 200;

    /// <summary>Whether <paramref name="function"/> is of the fitted values.</summary>
    public static bool Applies(VarianceFunction? function) =>
        function is CovariateVarianceFunction { Covariate: VarianceFunction.FittedValues };

    /// <summary>The fit at the fixed point of the covariate and the variance parameter.</summary>
    /// <exception cref="ModelSpecificationException">When the iteration does not settle.</exception>
    public static LinearMixedModelFit Fit(ModelSpecification spec, LinearMixedModelDesign design, Dataset data,
        LinearMixedModelOptions options, string formula)
    {
        var fit = LinearMixedModelObjective.For(design, options with { Variance = null }, formula).FitAt([]);
        double[]? previous = null;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            var withFitted = data.WithColumn(new NumericColumn(VarianceFunction.FittedValues, Expand(fit, data.RowCount)));
            var objective = LinearMixedModelObjective.For(
                LinearMixedModelDesign.Build(spec, withFitted, options, allowNoTerms: true), options, formula);
            fit = LinearMixedModel.Fit(objective);
            var parameters = fit.VarianceFunction!.UnconstrainedParameters;
            if (previous is not null && Math.Abs(parameters[0] - previous[0]) * LogScaleRange(fit.VarianceFunction) <= Tolerance)
                return fit;
            previous = parameters;
        }
        throw new ModelSpecificationException(
            $"{options.Variance}: the variance parameter and the fitted values did not settle in {MaxIterations} iterations");
    }

    /// <summary>The largest |h(x)| over the covariate's values: the change of log g per unit change of the parameter.</summary>
    private static double LogScaleRange(FittedVarianceFunction function)
    {
        var covariate = (CovariateVarianceFunction)function.Function;
        return function.Bound.CovariateValues!.Max(v => Math.Abs(covariate.LogScale(v)));
    }

    /// <summary>The fitted values on the rows of the data (NaN on rows the model dropped).</summary>
    private static double[] Expand(LinearMixedModelFit fit, int rowCount)
    {
        var values = Enumerable.Repeat(double.NaN, rowCount).ToArray();
        var fitted = fit.Fitted();
        var rows = fit.Design.Frame.Rows;
        for (int i = 0; i < rows.Length; i++) values[rows[i]] = fitted[i];
        return values;
    }
}
