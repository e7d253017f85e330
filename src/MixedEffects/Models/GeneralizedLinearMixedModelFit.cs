using MixedEffects.Data;
using MixedEffects.Design;

namespace MixedEffects.Models;

/// <summary>
/// A fitted generalized linear mixed model: lme4's <c>glmerMod</c> numbers (fixed effects with Wald z tests,
/// variance components, log-likelihood, AIC, BIC, conditional deviance, conditional modes, fitted values).
/// Immutable; arrays returned are copies.
/// </summary>
public sealed class GeneralizedLinearMixedModelFit
{
    private readonly double[] _beta;
    private readonly double[,] _vcov;
    private readonly double[] _optimizerParameters;
    private readonly GlmmFitState _state;
    private readonly RandomEffectsSummary _effects;

    internal GeneralizedLinearMixedModelFit(string formula, GeneralizedLinearMixedModelDesign design, GlmFamily family, int nAgq,
        double[] theta, double[] beta, double[,] vcov, double objective, double[] optimizerParameters, GlmmFitState state,
        int evaluations, bool converged, bool singular, IReadOnlyList<string> warnings)
    {
        Formula = formula;
        Design = design;
        Family = family;
        NAgq = nAgq;
        _beta = beta;
        _vcov = vcov;
        MinusTwoLogLikelihood = objective;
        _optimizerParameters = optimizerParameters;
        _state = state;
        Evaluations = evaluations;
        Converged = converged;
        Singular = singular;
        Warnings = warnings.ToArray();
        _effects = new RandomEffectsSummary(design.Terms, theta, 1.0, state.RandomEffects, () => state.ConditionalVariances);
    }

    internal GeneralizedLinearMixedModelDesign Design { get; }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>The family (distribution and link).</summary>
    public GlmFamily Family { get; }

    /// <summary>The link function.</summary>
    public LinkFunction Link => Family.Link;

    /// <summary>Quadrature points: 1 = Laplace, 0 = fixed effects estimated inside PIRLS.</summary>
    public int NAgq { get; }

    /// <summary>Number of observations used.</summary>
    public int ObservationCount => Design.Frame.RowCount;

    /// <summary>Rows dropped because of missing values.</summary>
    public int DroppedRowCount => Design.Frame.DroppedRows;

    /// <summary>Number of levels of each grouping factor, by lme4's group name, in term order.</summary>
    public IReadOnlyDictionary<string, int> GroupCounts =>
        Design.Terms.GroupBy(t => t.GroupName).ToDictionary(g => g.Key, g => g.First().LevelCount);

    /// <summary>The random-effects terms in lme4's order (most levels first).</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms => Design.Terms;

    /// <summary>The covariance parameters theta at the optimum (lme4's <c>getME(m, "theta")</c>).</summary>
    public double[] Theta => (double[])_effects.Theta.Clone();

    /// <summary>The final optimizer parameters (lme4's <c>m@optinfo$val</c>): theta, then beta unless nAGQ = 0.</summary>
    public double[] OptimizerParameters => (double[])_optimizerParameters.Clone();

    /// <summary>Fixed-effect coefficient names in R's order.</summary>
    public IReadOnlyList<string> FixedEffectNames => Design.X.Matrix.ColumnNames;

    /// <summary>Names of fixed-effect columns dropped for rank deficiency.</summary>
    public IReadOnlyList<string> DroppedColumns => Design.X.DroppedColumns;

    /// <summary>Fixed-effects estimates in R's order.</summary>
    public double[] Beta => (double[])_beta.Clone();

    /// <summary>
    /// Covariance of the fixed effects (lme4's <c>vcov</c>): from the finite-difference Hessian of the objective over
    /// (theta, beta) when it was computed, else from the penalized least-squares factor.
    /// </summary>
    public double[,] FixedEffectsCovariance => (double[,])_vcov.Clone();

    /// <summary>The fixed-effects table: estimate, standard error, z and two-sided normal p-value.</summary>
    public IReadOnlyList<GlmmFixedEffect> FixedEffects =>
        FixedEffectNames.Select((name, j) =>
        {
            double se = Math.Sqrt(_vcov[j, j]);
            double z = _beta[j] / se;
            return new GlmmFixedEffect(name, _beta[j], se, z, 2 * GlmSpecialFunctions.NormalUpperTail(Math.Abs(z)));
        }).ToArray();

    /// <summary>Number of parameters: fixed effects and theta (no residual variance).</summary>
    public int ParameterCount => _beta.Length + _effects.Theta.Length;

    /// <summary>The optimized objective: -2 log-likelihood by the Laplace (or quadrature) approximation.</summary>
    public double MinusTwoLogLikelihood { get; }

    /// <summary>Log-likelihood (lme4's <c>logLik</c>). Quadrature fits use different constants than Laplace fits.</summary>
    public double LogLikelihood => -MinusTwoLogLikelihood / 2;

    /// <summary>Akaike's information criterion.</summary>
    public double Aic => MinusTwoLogLikelihood + 2 * ParameterCount;

    /// <summary>Bayesian information criterion.</summary>
    public double Bic => MinusTwoLogLikelihood + ParameterCount * Math.Log(ObservationCount);

    /// <summary>lme4's <c>deviance()</c> of a GLMM: the sum of the squared deviance residuals at the conditional modes.</summary>
    public double Deviance => _state.ConditionalDeviance;

    /// <summary>Residual degrees of freedom: observations minus parameters.</summary>
    public int ResidualDegreesOfFreedom => ObservationCount - ParameterCount;

    /// <summary>Objective evaluations of the final optimization stage.</summary>
    public int Evaluations { get; }

    /// <summary>False when the optimizer stopped early or the gradient check failed.</summary>
    public bool Converged { get; }

    /// <summary>True when some variance component is estimated at (or within 1e-4 of) zero.</summary>
    public bool Singular { get; }

    /// <summary>Messages about the fit in lme4's wording.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Group names as lme4's VarCorr prints them (a repeated grouping factor gets ".1", ".2").</summary>
    public IReadOnlyList<string> GroupNames => _effects.GroupNames;

    /// <summary>Variance components as lme4's <c>as.data.frame(VarCorr(m), order = "lower.tri")</c> (no residual row).</summary>
    public IReadOnlyList<VarianceComponent> VarianceComponents => _effects.VarianceComponents();

    /// <summary>Covariance matrix of the random effects of term i: Lambda_i Lambda_i'.</summary>
    public double[,] TermCovariance(int term) => _effects.TermCovariance(term);

    /// <summary>Conditional modes of the random effects with conditional standard deviations (lme4's <c>ranef(m, condVar = TRUE)</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> RandomEffects() => _effects.Tables();

    /// <summary>Per-group coefficients on the link scale: fixed effects plus the group's random effects (lme4's <c>coef</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> Coefficients() => _effects.Coefficients(FixedEffectNames, _beta);

    /// <summary>Fitted values on the response scale (probabilities or means; lme4's <c>fitted</c>).</summary>
    public double[] Fitted() => (double[])_state.Mu.Clone();

    /// <summary>The linear predictor, offset included (lme4's <c>predict(m, type = "link")</c>).</summary>
    public double[] LinearPredictor() => (double[])_state.Eta.Clone();

    /// <summary>The response as the model uses it (proportions for a binomial model).</summary>
    public double[] Response() => (double[])Design.Response.Y.Clone();

    /// <summary>Prior weights (trials for a binomial <c>cbind</c> response).</summary>
    public double[] PriorWeights() => (double[])Design.Response.Weights.Clone();

    /// <summary>Deviance residuals: sign(y - mu) sqrt(unit deviance) (lme4's <c>residuals(m, type = "deviance")</c>).</summary>
    public double[] DevianceResiduals()
    {
        var r = Design.Response;
        return _state.Mu.Select((mu, i) =>
            Math.Sign(r.Y[i] - mu) * Math.Sqrt(Math.Max(0, Family.DevianceResidual(r.Y[i], mu, r.Weights[i])))).ToArray();
    }

    /// <summary>Pearson residuals: (y - mu) sqrt(weight / V(mu)).</summary>
    public double[] PearsonResiduals()
    {
        var r = Design.Response;
        return _state.Mu.Select((mu, i) => (r.Y[i] - mu) * Math.Sqrt(r.Weights[i] / Family.Variance(mu))).ToArray();
    }

    /// <summary>
    /// Predictions for new data on the link or response scale; with <paramref name="includeRandomEffects"/>, a group
    /// level not seen in fitting contributes nothing (lme4's <c>allow.new.levels = TRUE</c>); NaN where a variable is missing.
    /// </summary>
    public double[] Predict(Dataset newData, GlmmPredictionScale scale = GlmmPredictionScale.Link, bool includeRandomEffects = true)
    {
        var eta = LinearPredictorForNewData.Compute(Design, _beta, _effects, newData, includeRandomEffects);
        if (scale == GlmmPredictionScale.Link) return eta;
        return eta.Select(e => double.IsNaN(e) ? double.NaN : Link.Inverse(e)).ToArray();
    }
}
