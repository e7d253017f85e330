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
    /// <param name="inference">Degrees-of-freedom method; null for the default (asymptotic until Kenward-Roger and Satterthwaite are available).</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link or response scale (the same for a linear mixed model).</param>
    /// <exception cref="ModelSpecificationException">A variable that is not in the model, or an invalid specification.</exception>
    public static EstimatedMarginalMeans Compute(LinearMixedModelFit fit, string specs, IReadOnlyList<string>? by = null,
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
    /// <param name="inference">Degrees-of-freedom method; null for the default.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link or response scale.</param>
    public static EstimatedMarginalMeans Compute(LinearMixedModelFit fit, IReadOnlyList<string> specs, IReadOnlyList<string>? by = null,
        MarginalWeighting weights = MarginalWeighting.Equal, IReadOnlyDictionary<string, double[]>? at = null,
        IContrastInference? inference = null, double level = 0.95, MarginalScale scale = MarginalScale.Link)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return MarginalMeansBuilder.Build(MarginalModelInfo.FromLinearFit(fit, inference), specs, by ?? [], weights, at, level, scale);
    }

    /// <summary>
    /// emmeans' <c>joint_tests(fit)</c>: for each fixed-effects term, the F test that all its effects are zero,
    /// using contrasts over the reference grid (other factors averaged with equal weights, covariates at their
    /// minimum and maximum) and the inference's F test.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="inference">Degrees-of-freedom method; null for the default.</param>
    public static IReadOnlyList<JointTest> JointTests(LinearMixedModelFit fit, IContrastInference? inference = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return JointTestsBuilder.Build(MarginalModelInfo.FromLinearFit(fit, inference));
    }

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
