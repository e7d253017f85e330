using MixedEffects.Distributions;
using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Marginal;

/// <summary>
/// Estimated marginal means, contrasts and joint tests of a fitted model, as R's emmeans package computes them.
/// </summary>
public static class Emmeans
{
    /// <summary>
    /// Marginal means of a linear mixed model (emmeans' <c>emmeans(fit, specs, by, weights, at, level)</c>).
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="specs">The variables, as emmeans writes them: <c>"task * stimulus"</c>, <c>"~ task | stimulus"</c>, <c>"1"</c>.</param>
    /// <param name="by">By-variables in addition to those after <c>|</c> in <paramref name="specs"/>.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values to use instead of their means.</param>
    /// <param name="inference">
    /// Degrees-of-freedom method and covariance, e.g. <c>ContrastInference.For(fit, DdfMethod.Satterthwaite)</c>; null for
    /// emmeans' default (<see cref="DefaultInference"/>: Kenward-Roger up to 3000 observations, asymptotic above).
    /// Standard errors use the inference's covariance (Kenward-Roger's adjusted one for that method).
    /// </param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link or response scale (the same for a linear mixed model).</param>
    /// <exception cref="ModelSpecificationException">A variable that is not in the model, or an invalid specification.</exception>
    public static EstimatedMarginalMeans Compute(LinearMixedModelEstimates fit, string specs, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null,
        IContrastInference? inference = null, double level = 0.95, MarginalScale scale = MarginalScale.Link)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var (primary, byFromSpecs) = ParseSpecs(specs);
        return Compute(fit, primary, byFromSpecs.Concat(by ?? []).ToArray(), weights, at, inference, level, scale);
    }

    /// <summary>Marginal means of a linear mixed model for a list of primary variables (see the string overload).</summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="specs">The primary variables; empty for the overall mean.</param>
    /// <param name="by">By-variables.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values to use instead of their means.</param>
    /// <param name="inference">Degrees-of-freedom method; null for the default (<see cref="DefaultInference"/>).</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link or response scale.</param>
    public static EstimatedMarginalMeans Compute(LinearMixedModelEstimates fit, IReadOnlyList<string> specs, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null,
        IContrastInference? inference = null, double level = 0.95, MarginalScale scale = MarginalScale.Link)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return MarginalMeansBuilder.Build(MarginalModelInfo.FromLinearFit(fit, inference), specs, by ?? [], weights, at, level, scale);
    }

    /// <summary>
    /// emmeans' <c>joint_tests(fit)</c>: for each fixed-effects term, the F test that all its effects are zero,
    /// using contrasts over the reference grid (other factors averaged with equal weights, covariates at their
    /// minimum and maximum). As emmeans, F is the Wald statistic with the inference's covariance divided by the number of
    /// independent contrasts (not Kenward-Roger's scaled F), and df2 is the smallest single-contrast df over an orthonormal
    /// basis of the contrasts.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="inference">Degrees-of-freedom method; null for the default (<see cref="DefaultInference"/>).</param>
    public static IReadOnlyList<JointTest> JointTests(LinearMixedModelEstimates fit, IContrastInference? inference = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return JointTestsBuilder.Build(MarginalModelInfo.FromLinearFit(fit, inference));
    }

    /// <summary>
    /// Estimated marginal means of slopes (emmeans' <c>emtrends(fit, specs, var)</c>): the derivative of the linear
    /// predictor with respect to the covariate <paramref name="variable"/> (a data column; <c>log(x)</c> or <c>I(x^2)</c>
    /// terms are differentiated through), computed as emmeans by the forward difference with step 0.001 times the
    /// covariate's range at each reference-grid cell, then averaged like <see cref="Compute(LinearMixedModelEstimates, string, IReadOnlyList{string}?, MarginalWeighting, IReadOnlyDictionary{string, double[]}?, IContrastInference?, double, MarginalScale)"/>.
    /// The estimate column is named <c>variable.trend</c>; contrasts of the slopes are made with the result's
    /// <see cref="EstimatedMarginalMeans.Contrast(string, AdjustmentMethod?, int)"/>.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="specs">The variables, as emmeans writes them (<c>"~ Evit"</c>, <c>"1"</c>).</param>
    /// <param name="variable">The covariate whose slope is estimated.</param>
    /// <param name="by">By-variables in addition to those after <c>|</c> in <paramref name="specs"/>.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values to use instead of their means (the slope is taken there).</param>
    /// <param name="inference">Degrees-of-freedom method; null for the default (<see cref="DefaultInference"/>).</param>
    /// <param name="level">Confidence level.</param>
    /// <exception cref="ModelSpecificationException">The variable is not a covariate of the fixed effects, or an invalid specification.</exception>
    public static EstimatedMarginalMeans Trends(LinearMixedModelFit fit, string specs, string variable, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null,
        IContrastInference? inference = null, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(variable);
        var (primary, byFromSpecs) = ParseSpecs(specs);
        return MarginalMeansBuilder.Build(MarginalModelInfo.FromLinearFit(fit, inference), primary, byFromSpecs.Concat(by ?? []).ToArray(),
            weights, at, level, MarginalScale.Link, trend: variable);
    }

    /// <summary>
    /// Marginal means of a generalized linear mixed model (emmeans' <c>emmeans(glmerFit, specs, by, weights, at, level, type)</c>):
    /// asymptotic z inference with glmer's covariance of the fixed effects. On the response scale the means are
    /// inverse-link values with delta-method standard errors and back-transformed intervals (tests stay on the link
    /// scale); contrasts of a log or logit model become ratios or odds ratios.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="specs">The variables, as emmeans writes them: <c>"period"</c>, <c>"~ a | b"</c>, <c>"1"</c>.</param>
    /// <param name="by">By-variables in addition to those after <c>|</c> in <paramref name="specs"/>.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values to use instead of their means.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link (emmeans' default) or response scale.</param>
    /// <exception cref="ModelSpecificationException">A variable that is not in the model, an invalid specification, or a model with an offset.</exception>
    public static EstimatedMarginalMeans Compute(GeneralizedLinearMixedModelFit fit, string specs, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null,
        double level = 0.95, MarginalScale scale = MarginalScale.Link)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var (primary, byFromSpecs) = ParseSpecs(specs);
        return Compute(fit, primary, byFromSpecs.Concat(by ?? []).ToArray(), weights, at, level, scale);
    }

    /// <summary>Marginal means of a generalized linear mixed model for a list of primary variables (see the string overload).</summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="specs">The primary variables; empty for the overall mean.</param>
    /// <param name="by">By-variables.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values to use instead of their means.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link or response scale.</param>
    /// <exception cref="ModelSpecificationException">A variable that is not in the model, an invalid specification, or a model with an offset.</exception>
    public static EstimatedMarginalMeans Compute(GeneralizedLinearMixedModelFit fit, IReadOnlyList<string> specs, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null,
        double level = 0.95, MarginalScale scale = MarginalScale.Link)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(specs);
        return MarginalMeansBuilder.Build(MarginalModelInfo.FromGeneralizedFit(fit), specs, by ?? [], weights, at, level, scale);
    }

    /// <summary>
    /// emmeans' <c>joint_tests(glmerFit)</c>: for each fixed-effects term, the Wald test on the link scale that all its
    /// effects are zero, over the reference grid as for linear mixed models; F is the chi-square statistic divided by
    /// df1 and df2 is infinite.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <exception cref="ModelSpecificationException">A model with an offset.</exception>
    public static IReadOnlyList<JointTest> JointTests(GeneralizedLinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return JointTestsBuilder.Build(MarginalModelInfo.FromGeneralizedFit(fit));
    }

    /// <summary>
    /// Estimated marginal means of slopes of a generalized linear mixed model on the link scale (emmeans'
    /// <c>emtrends(glmerFit, specs, var)</c>), computed as for a linear mixed model with asymptotic z inference.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="specs">The variables, as emmeans writes them (<c>"~ period"</c>, <c>"1"</c>).</param>
    /// <param name="variable">The covariate whose slope is estimated.</param>
    /// <param name="by">By-variables in addition to those after <c>|</c> in <paramref name="specs"/>.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values to use instead of their means (the slope is taken there).</param>
    /// <param name="level">Confidence level.</param>
    /// <exception cref="ModelSpecificationException">The variable is not a covariate of the fixed effects, an invalid specification, or a model with an offset.</exception>
    public static EstimatedMarginalMeans Trends(GeneralizedLinearMixedModelFit fit, string specs, string variable, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(variable);
        var (primary, byFromSpecs) = ParseSpecs(specs);
        return MarginalMeansBuilder.Build(MarginalModelInfo.FromGeneralizedFit(fit), primary, byFromSpecs.Concat(by ?? []).ToArray(),
            weights, at, level, MarginalScale.Link, trend: variable);
    }

    /// <summary>
    /// emmeans' default inference for a linear mixed model (<c>lmer.df = "kenward-roger"</c>, <c>pbkrtest.limit = 3000</c>):
    /// Kenward-Roger for up to 3000 observations (for an ML fit computed on its REML refit, as pbkrtest does), and
    /// Satterthwaite above, where emmeans itself falls back to asymptotic z tests only to save time. To choose another
    /// method pass <c>ContrastInference.For(fit, method)</c> as <c>inference</c>.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    public static IContrastInference DefaultInference(LinearMixedModelEstimates fit) => MarginalModelInfo.DefaultInference(fit);

    /// <summary>Splits emmeans' specification text into primary and by-variables.</summary>
    /// <exception cref="ModelSpecificationException">A left-hand side or an empty variable name.</exception>
    internal static (string[] Primary, string[] By) ParseSpecs(string specs)
    {
        string text = specs.Trim();
        int tilde = text.IndexOf('~', StringComparison.Ordinal);
        if (tilde >= 0)
        {
            if (text[..tilde].Trim().Length > 0)
                throw new ModelSpecificationException(
                    $"specs '{specs}': a contrast on the left of '~' is not supported; compute the means, then call Contrast");
            text = text[(tilde + 1)..];
        }
        var parts = text.Split('|');
        if (parts.Length > 2) throw new ModelSpecificationException($"specs '{specs}' has more than one '|'");
        static string[] Names(string s) => s.Split(['*', '+', ':', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n != "1").Distinct(StringComparer.Ordinal).ToArray();
        return (Names(parts[0]), parts.Length == 2 ? Names(parts[1]) : []);
    }

    internal static double FPValue(double f, double df1, double df2) => ProbabilityFunctions.FUpperTail(f, df1, df2);
}
