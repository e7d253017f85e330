using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>
/// The fields of the JSON report of a linear or generalized linear mixed model; null numbers stand for
/// "not applicable" or NaN.
/// </summary>
public sealed record LinearMixedModelReport
{
    /// <summary>Number of observations used.</summary>
    [JsonPropertyName("nobs")] public int Nobs { get; init; }

    /// <summary>Levels of each grouping factor, by lme4's group name.</summary>
    [JsonPropertyName("ngroups")] public IReadOnlyDictionary<string, int> Ngroups { get; init; } = new Dictionary<string, int>();

    /// <summary>"REML" or "ML" for linear models; "Laplace", "AGQ(n)" or "nAGQ=0" for generalized ones.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "REML";

    /// <summary>The family of a generalized model (<c>binomial</c>, <c>poisson</c>); absent for linear models.</summary>
    [JsonPropertyName("family")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Family { get; init; }

    /// <summary>The link of a generalized model (<c>logit</c>, <c>probit</c>, <c>cloglog</c>, <c>log</c>, <c>identity</c>); absent for linear models.</summary>
    [JsonPropertyName("link")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Link { get; init; }

    /// <summary>False when the optimizer or the gradient check reported a problem.</summary>
    [JsonPropertyName("converged")] public bool Converged { get; init; }

    /// <summary>True for a boundary (singular) fit.</summary>
    [JsonPropertyName("singular")] public bool Singular { get; init; }

    /// <summary>Messages about the fit in lme4's wording.</summary>
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Log-likelihood (REML log-likelihood for REML fits).</summary>
    [JsonPropertyName("logLik")] public double? LogLik { get; init; }

    /// <summary>Akaike's information criterion.</summary>
    [JsonPropertyName("AIC")] public double? Aic { get; init; }

    /// <summary>Bayesian information criterion.</summary>
    [JsonPropertyName("BIC")] public double? Bic { get; init; }

    /// <summary>REML criterion at convergence; null for ML fits.</summary>
    [JsonPropertyName("REMLcrit")] public double? RemlCrit { get; init; }

    /// <summary>
    /// Deviance: -2 log-likelihood for ML fits, null for REML fits; for generalized models lme4's <c>deviance()</c>,
    /// the sum of squared deviance residuals at the conditional modes.
    /// </summary>
    [JsonPropertyName("deviance")] public double? Deviance { get; init; }

    /// <summary>Residual standard deviation; null for generalized models.</summary>
    [JsonPropertyName("sigma")] public double? Sigma { get; init; }

    /// <summary>Objective evaluations used by the optimizer.</summary>
    [JsonPropertyName("evaluations")] public int Evaluations { get; init; }

    /// <summary>Fixed effects in R's order with R's names.</summary>
    [JsonPropertyName("fixed")] public IReadOnlyList<FixedEffectReport> Fixed { get; init; } = [];

    /// <summary>Variance components as <c>as.data.frame(VarCorr(m), order = "lower.tri")</c>.</summary>
    [JsonPropertyName("random")] public IReadOnlyList<VarianceComponentReport> Random { get; init; } = [];

    /// <summary>The residual variance function (<c>--variance</c>); absent without one.</summary>
    [JsonPropertyName("variance")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VarianceFunctionReport? Variance { get; init; }

    /// <summary>Degrees-of-freedom method of the tests: "satterthwaite", "kenward-roger" or "none"; absent without tests.</summary>
    [JsonPropertyName("ddf")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Ddf { get; init; }

    /// <summary>Confidence level of the fixed-effect intervals; absent without intervals.</summary>
    [JsonPropertyName("level")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Level { get; init; }

    /// <summary>The ANOVA table of the fixed terms; absent unless requested.</summary>
    [JsonPropertyName("anova")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AnovaRowReport>? Anova { get; init; }

    /// <summary>lmerTest's <c>ranova</c> table (<c>--ranova</c>); absent unless requested.</summary>
    [JsonPropertyName("ranova")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RandomEffectsTestReport>? Ranova { get; init; }

    /// <summary>emmeans' <c>joint_tests</c> table (<c>--joint-tests</c>); absent unless requested.</summary>
    [JsonPropertyName("joint_tests")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JointTestReport>? JointTests { get; init; }

    /// <summary>The coefficient table with confidence limits (<c>--ci</c>, pymer4's <c>coefs</c>); absent unless requested.</summary>
    [JsonPropertyName("coefs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CoefficientIntervalRow>? Coefs { get; init; }

    /// <summary>The method of the limits in <see cref="Coefs"/> (wald, profile, boot); absent unless requested.</summary>
    [JsonPropertyName("coefs_method")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CoefsMethod { get; init; }

    /// <summary>Estimated marginal means and contrasts; absent unless requested.</summary>
    [JsonPropertyName("emmeans")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EmmeansReport? Emmeans { get; init; }

    /// <summary>Likelihood-ratio test against a null model (<c>--compare</c>); absent unless requested.</summary>
    [JsonPropertyName("compare")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ModelComparisonReport? Compare { get; init; }

    /// <summary>Confidence intervals of the parameters (<c>--confint</c>); absent unless requested.</summary>
    [JsonPropertyName("intervals")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ConfidenceIntervalReport>? Intervals { get; init; }

    /// <summary>Nakagawa's R-squared and the ICC (<c>--r2</c>); absent unless requested.</summary>
    [JsonPropertyName("r2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExplainedVarianceReport? R2 { get; init; }

    /// <summary>Data rows dropped because of missing values.</summary>
    [JsonPropertyName("droppedRows")] public int DroppedRows { get; init; }

    /// <summary>Fixed-effect columns dropped for rank deficiency.</summary>
    [JsonPropertyName("droppedColumns")] public IReadOnlyList<string> DroppedColumns { get; init; } = [];

    /// <summary>What the optimizer did (method, evaluations, start, end, gradient, restarts); absent for generalized fits.</summary>
    [JsonPropertyName("optimizer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OptimizerReport? Optimizer { get; init; }
}
