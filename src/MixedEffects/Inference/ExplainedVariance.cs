using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Nakagawa and Schielzeth's variance decomposition (Nakagawa, Johnson and Schielzeth 2017), as R's
/// <c>performance::r2_nakagawa</c> and <c>performance::icc</c> compute it with <c>insight::get_variance</c>:
/// the variance of the fixed-effects predictions, the random-effects variance (Johnson's mean of z' Sigma z over the
/// observations, so random slopes count at the observed covariate values), and the residual variance (sigma squared, or
/// for a generalized model the distribution-specific variance of its link: pi^2/3 logit, 1 probit, pi^2/6 cloglog,
/// log(1 + 1/mu) for a Poisson log link with mu from the intercept-only model).
/// </summary>
/// <param name="FixedVariance">Variance of X beta (denominator n - 1).</param>
/// <param name="RandomVariance">Sum over random-effects terms of trace(Sigma Z'Z) / n, Z the fixed-effects columns named in the term.</param>
/// <param name="ResidualVariance">Distribution-specific plus dispersion variance (observation-level random effects of a generalized model).</param>
/// <param name="DistributionVariance">sigma^2 for a linear model, else the link's distribution-specific variance; NaN for a link without one.</param>
public sealed record ExplainedVariance(double FixedVariance, double RandomVariance, double ResidualVariance, double DistributionVariance)
{
    /// <summary>Marginal R-squared: the share of the fixed effects, FixedVariance / total.</summary>
    public double MarginalRSquared => FixedVariance / Total;

    /// <summary>Conditional R-squared: the share of fixed and random effects, (FixedVariance + RandomVariance) / total.</summary>
    public double ConditionalRSquared => (FixedVariance + RandomVariance) / Total;

    /// <summary>Adjusted ICC: RandomVariance / (RandomVariance + ResidualVariance).</summary>
    public double AdjustedIcc => RandomVariance / (RandomVariance + ResidualVariance);

    /// <summary>Unadjusted (conditional) ICC: RandomVariance / total.</summary>
    public double UnadjustedIcc => RandomVariance / Total;

    private double Total => FixedVariance + RandomVariance + ResidualVariance;

    /// <summary>The decomposition of a linear mixed model (residual variance sigma squared).</summary>
    public static ExplainedVariance Compute(LinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var (random, _) = RandomParts(fit.Design, fit.TermCovariance);
        double sigma2 = fit.Sigma * fit.Sigma;
        return new ExplainedVariance(FixedPart(fit.Design, fit.Beta), random, sigma2, sigma2);
    }

    /// <summary>The decomposition of a generalized linear mixed model (binomial or Poisson) on the latent (link) scale.</summary>
    public static ExplainedVariance Compute(GeneralizedLinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var (random, observationLevel) = RandomParts(fit.Design, fit.TermCovariance);
        double distribution = DistributionSpecific(fit);
        return new ExplainedVariance(FixedPart(fit.Design, fit.Beta), random, distribution + observationLevel, distribution);
    }

    private static double FixedPart(MixedModelDesign design, double[] beta)
    {
        var columns = design.X.Matrix.Columns;
        int n = design.Frame.RowCount;
        var eta = new double[n];
        for (int j = 0; j < columns.Length; j++)
            for (int i = 0; i < n; i++) eta[i] += columns[j][i] * beta[j];
        double mean = eta.Average();
        return n > 1 ? eta.Sum(v => (v - mean) * (v - mean)) / (n - 1) : 0;
    }

    /// <summary>insight's random variance, and apart from it the terms with one level per observation (dispersion).</summary>
    private static (double Random, double ObservationLevel) RandomParts(MixedModelDesign design, Func<int, double[,]> covariance)
    {
        var matrix = design.X.Matrix;
        int n = design.Frame.RowCount;
        var byName = new Dictionary<string, double[]>(StringComparer.Ordinal) { ["(Intercept)"] = Enumerable.Repeat(1.0, n).ToArray() };
        for (int j = 0; j < matrix.ColumnNames.Length; j++) byName[matrix.ColumnNames[j]] = matrix.Columns[j];
        double random = 0, observationLevel = 0;
        for (int t = 0; t < design.Terms.Count; t++)
        {
            var term = design.Terms[t];
            var sigma = covariance(t);
            var valid = Enumerable.Range(0, term.ColumnCount).Where(c => byName.ContainsKey(term.ColumnNames[c])).ToArray();
            double sum = 0;
            for (int i = 0; i < n; i++)
                foreach (int a in valid)
                    foreach (int b in valid)
                        sum += byName[term.ColumnNames[a]][i] * sigma[a, b] * byName[term.ColumnNames[b]][i];
            if (term.LevelCount == n) observationLevel += sum / n;
            else random += sum / n;
        }
        return (random, observationLevel);
    }

    private static double DistributionSpecific(GeneralizedLinearMixedModelFit fit) => (fit.Family.Distribution, fit.Link.Kind) switch
    {
        (GlmDistribution.Binomial, LinkFunctionKind.Logit) => Math.PI * Math.PI / 3,
        (GlmDistribution.Binomial, LinkFunctionKind.Probit) => 1,
        (GlmDistribution.Binomial, LinkFunctionKind.Cloglog) => Math.PI * Math.PI / 6,
        (GlmDistribution.Poisson, LinkFunctionKind.Log) => Math.Log(1 + 1 / NullModelMean(fit)),
        _ => double.NaN,
    };

    /// <summary>exp(intercept) of the model refitted with the fixed effects reduced to an intercept (insight's <c>null_model</c>).</summary>
    private static double NullModelMean(GeneralizedLinearMixedModelFit fit)
    {
        var frame = fit.Design.Frame;
        const string weights = ".prior_weights";
        var data = frame.Data.SelectRows(frame.Rows);
        if (frame.Weights is { } w) data = data.WithColumn(new NumericColumn(weights, w));
        var response = frame.Specification.Response?.Name ?? throw new ModelSpecificationException("the model has no response");
        string formula = $"{response} ~ 1 + {string.Join(" + ", fit.Terms.Select(t => $"({t.TermText})"))}";
        var options = new GeneralizedLinearMixedModelOptions
        {
            Family = fit.Family.Name, Link = fit.Link.Name, NAgq = fit.NAgq, WeightsColumn = frame.Weights is null ? null : weights,
        };
        return Math.Exp(GeneralizedLinearMixedModel.Fit(formula, data, options).Beta[0]);
    }
}
