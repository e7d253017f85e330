using MixedEffects.Distributions;
using MixedEffects.Formulas;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Likelihood-ratio tests of nested linear mixed models as lme4's <c>anova(m0, m1)</c>: REML fits are refitted by
/// ML first (unless <c>refit</c> is false), models are ordered by number of parameters, and each row is tested
/// against the one before with a chi-square on the difference in parameters.
/// </summary>
public static class ModelComparison
{
    /// <summary>The message lme4 prints when it refits REML fits by ML.</summary>
    public const string RefitMessage = "refitting model(s) with ML (instead of REML)";

    /// <summary>Compares two nested fits (lme4's <c>anova(m0, m1)</c>).</summary>
    /// <exception cref="MixedEffectsException">When the models were fitted to different numbers of observations.</exception>
    public static ModelComparisonResult Compare(LinearMixedModelEstimates m0, LinearMixedModelEstimates m1, bool refit = true) =>
        Compare([m0, m1], refit);

    /// <summary>Compares several nested fits, each against the next smaller one.</summary>
    /// <exception cref="MixedEffectsException">When fewer than two models are given or their numbers of observations differ.</exception>
    public static ModelComparisonResult Compare(IReadOnlyList<LinearMixedModelEstimates> models, bool refit = true)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count < 2)
            throw new ModelSpecificationException($"a model comparison needs at least two models, got {models.Count}");
        CheckSameObservations(models.Select(m => m.ObservationCount).ToArray());
        bool refitting = refit && models.Any(m => m.Method == EstimationMethod.Reml);
        var entries = models.Select((m, i) =>
        {
            var used = refitting ? m.WithMethod(EstimationMethod.MaximumLikelihood) : m;
            return new ComparedModel($"m{i}", m.Formula, used.ParameterCount, used.LogLikelihood, used.ObservationCount);
        }).ToArray();
        return Tabulate(entries, refitting);
    }

    /// <summary>
    /// Compares a fit with a null model given by a formula (the CLI's <c>--compare NULLFORMULA</c>): the null model is
    /// fitted to the same observations (least squares when it has no random-effects terms), both by ML when the fit is REML.
    /// The null model keeps the fit's residual variance function, except when its formula is the fit's own: then it is the
    /// model with one residual variance, and the test is the likelihood-ratio test of the variance function.
    /// </summary>
    /// <exception cref="MixedEffectsException">For a bad null formula or one that uses a different number of observations.</exception>
    public static ModelComparisonResult Compare(LinearMixedModelFit fit, string nullFormula) => Compare(fit, [nullFormula]);

    /// <summary>
    /// Compares a fit with several other models given by formulas, as lme4's <c>anova(m0, m1, m2)</c> (the CLI's repeated
    /// <c>--compare</c>): each is fitted to the same observations (least squares when it has no random-effects terms), all by
    /// ML when the fit is REML; the table is ordered by the number of parameters. The formulas are named m0, m1, ... in the
    /// order given and the fit itself m<i>k</i>.
    /// </summary>
    /// <exception cref="MixedEffectsException">For a bad formula or one that uses a different number of observations.</exception>
    public static ModelComparisonResult Compare(LinearMixedModelFit fit, IReadOnlyList<string> otherFormulas)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(otherFormulas);
        if (otherFormulas.Count == 0) throw new ModelSpecificationException("a model comparison needs at least one other formula");
        bool refitting = fit.Method == EstimationMethod.Reml;
        var full = fit.Refit(EstimationMethod.MaximumLikelihood);
        var entries = new List<ComparedModel>();
        foreach (var formula in otherFormulas)
        {
            var other = fit.VarianceFunction is not null && SameFormula(fit.Formula, formula)
                ? ModelRefitting.WithoutVarianceFunction(fit, EstimationMethod.MaximumLikelihood)
                : ModelRefitting.FitRelated(fit, ModelSpecification.FromFormula(formula), formula, EstimationMethod.MaximumLikelihood);
            entries.Add(new ComparedModel($"m{entries.Count}", formula, other.ParameterCount, other.LogLikelihood, other.ObservationCount));
        }
        entries.Add(new ComparedModel($"m{entries.Count}",
            fit.VarianceFunction is { } v ? $"{fit.Formula}, weights = {v.Function}" : fit.Formula, full.ParameterCount, full.LogLikelihood, full.ObservationCount));
        CheckSameObservations(entries.Select(e => e.Nobs).ToArray());
        return Tabulate(entries, refitting);
    }

    private static bool SameFormula(string a, string b) =>
        string.Concat(a.Where(c => !char.IsWhiteSpace(c))) == string.Concat(b.Where(c => !char.IsWhiteSpace(c)));

    private static void CheckSameObservations(IReadOnlyList<int> counts)
    {
        if (counts.Distinct().Count() > 1)
            throw new ModelSpecificationException(
                $"models were not all fitted to the same size of dataset ({string.Join(", ", counts)} observations)");
    }

    private static ModelComparisonResult Tabulate(IReadOnlyList<ComparedModel> entries, bool refitted)
    {
        var ordered = entries.OrderBy(e => e.Npar).ToArray();
        var rows = new List<ModelComparisonRow>();
        for (int i = 0; i < ordered.Length; i++)
        {
            var e = ordered[i];
            double deviance = -2 * e.LogLik;
            double? chisq = null, p = null;
            int? df = null;
            if (i > 0)
            {
                chisq = 2 * Math.Max(0, e.LogLik - ordered[i - 1].LogLik);
                df = e.Npar - ordered[i - 1].Npar;
                p = df == 0 ? null : ProbabilityFunctions.ChiSquareUpperTail(chisq.Value, df.Value);
            }
            rows.Add(new ModelComparisonRow(e.Name, e.Formula, e.Npar, deviance + 2 * e.Npar,
                deviance + e.Npar * Math.Log(e.Nobs), e.LogLik, deviance, chisq, df, p));
        }
        return new ModelComparisonResult(rows, refitted, refitted ? [RefitMessage] : []);
    }
}
