using MixedEffects.Data;
using MixedEffects.Distributions;
using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Cli;

/// <summary>
/// <c>--compare</c> and <c>--confint wald</c> for a generalized model: lme4's <c>anova(m0, m1)</c> of the fit and a
/// null model fitted with the same options, and Wald z intervals of the fixed effects (NA for the variance parameters).
/// </summary>
internal static class GeneralizedModelChecks
{
    /// <summary>The requested checks of <paramref name="fit"/>.</summary>
    public static ModelChecks Compute(GeneralizedLinearMixedModelFit fit, Dataset data, FitOptions options) =>
        new(options.CompareFormula is null ? null : Compare(fit, data, options),
            options.Confint is null ? null : WaldIntervals(fit, options.Level));

    /// <summary>The likelihood-ratio table of the null model (m0) and the fit (m1), fewest parameters first.</summary>
    public static ModelComparisonResult Compare(GeneralizedLinearMixedModelFit fit, Dataset data, FitOptions options)
    {
        var nullFit = GeneralizedLinearMixedModel.Fit(options.CompareFormula!, data, options.ToGeneralizedModelOptions());
        var test = GeneralizedLinearMixedModel.Compare(nullFit, fit);
        ModelComparisonRow Row(GeneralizedLinearMixedModelFit m, double? chisq, int? df, double? p) =>
            new(ReferenceEquals(m, nullFit) ? "m0" : "m1", m.Formula, m.ParameterCount, m.Aic, m.Bic, m.LogLikelihood,
                m.MinusTwoLogLikelihood, chisq, df, p);
        return new ModelComparisonResult(
            [Row(test.Smaller, null, null, null), Row(test.Larger, test.ChiSquare, test.DegreesOfFreedom, test.PValue)],
            Refitted: false, Messages: []);
    }

    /// <summary>lme4's <c>confint(m, method = "Wald", oldNames = FALSE)</c> of a generalized fit.</summary>
    public static IReadOnlyList<ConfidenceInterval> WaldIntervals(GeneralizedLinearMixedModelFit fit, double level)
    {
        double z = ProbabilityFunctions.NormalQuantile((1 + level) / 2);
        var rows = new List<ConfidenceInterval>();
        foreach (var term in fit.Terms)
            for (int j = 0; j < term.ColumnCount; j++)
                for (int k = j; k < term.ColumnCount; k++)
                {
                    string name = k == j
                        ? $"sd_{term.ColumnNames[j]}|{term.GroupName}"
                        : $"cor_{term.ColumnNames[k]}.{term.ColumnNames[j]}|{term.GroupName}";
                    rows.Add(new ConfidenceInterval(name, double.NaN, double.NaN, ConfidenceIntervalMethod.Wald));
                }
        rows.AddRange(fit.FixedEffects.Select(f => new ConfidenceInterval(f.Term, f.Estimate - z * f.StandardError,
            f.Estimate + z * f.StandardError, ConfidenceIntervalMethod.Wald)));
        return rows;
    }
}
