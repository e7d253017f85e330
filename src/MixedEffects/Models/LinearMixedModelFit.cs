using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.LinearAlgebra;
using MixedEffects.Optimization;
using MixedEffects.Variance;

namespace MixedEffects.Models;

/// <summary>
/// A fitted linear mixed model: lme4's <c>merMod</c> numbers (fixed effects, variance components, sigma,
/// likelihood criteria, conditional modes, fitted values). Immutable; arrays returned are copies.
/// </summary>
public sealed class LinearMixedModelFit
{
    private readonly LinearMixedModelSolution _solution;
    private readonly RandomEffectsSummary _effects;

    internal LinearMixedModelFit(LinearMixedModelObjective objective, double[] theta,
        double criterion, LinearMixedModelSolution solution, BlockedCholeskyFactor factor, int evaluations,
        bool converged, bool singular, IReadOnlyList<string> warnings, VarianceEstimate? variance = null)
    {
        Objective = objective;
        string formula = objective.Formula;
        var design = objective.Design;
        var options = objective.Options;
        Formula = formula;
        Design = design;
        Options = options;
        Method = options.Method;
        Criterion = criterion;
        _solution = solution;
        Evaluations = evaluations;
        Converged = converged;
        Singular = singular;
        Warnings = warnings.ToArray();
        VarianceFunction = variance is null ? null : new FittedVarianceFunction(variance.Function, variance.Scaled, solution.Sigma);
        _effects = new RandomEffectsSummary(design.Terms, theta, solution.Sigma, solution.RandomEffects,
            () => factor.ConditionalCovariances(solution.Sigma));
    }

    internal LinearMixedModelDesign Design { get; }

    /// <summary>The objective the fit was optimized on (refits reuse its design and factor layout).</summary>
    internal LinearMixedModelObjective Objective { get; }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>The options the model was fitted with (method, contrasts, weights column, optimizer).</summary>
    public LinearMixedModelOptions Options { get; }

    /// <summary>REML or ML.</summary>
    public EstimationMethod Method { get; }

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

    /// <summary>The optimized criterion: REML criterion or ML deviance.</summary>
    public double Criterion { get; }

    /// <summary>Number of objective evaluations the optimizer used.</summary>
    public int Evaluations { get; }

    /// <summary>What the optimizer did (method, evaluations, start, end, final gradient, restarts); null for a model evaluated at given parameters.</summary>
    public OptimizerSummary? Optimization { get; internal init; }

    /// <summary>False when the optimizer stopped early or the gradient check failed.</summary>
    public bool Converged { get; }

    /// <summary>True when some variance component is estimated at (or within 1e-4 of) zero.</summary>
    public bool Singular { get; }

    /// <summary>Messages about the fit in lme4's wording (singular fit, convergence, dropped columns, dropped rows).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Fixed-effect coefficient names in R's order (after dropping dependent columns).</summary>
    public IReadOnlyList<string> FixedEffectNames => Design.X.Matrix.ColumnNames;

    /// <summary>Names of fixed-effect columns dropped for rank deficiency.</summary>
    public IReadOnlyList<string> DroppedColumns => Design.X.DroppedColumns;

    /// <summary>Fixed-effects estimates in R's order.</summary>
    public double[] Beta => (double[])_solution.Beta.Clone();

    /// <summary>Covariance matrix of the fixed-effects estimates (lme4's <c>vcov</c>).</summary>
    public double[,] FixedEffectsCovariance => (double[,])_solution.FixedEffectsCovariance.Clone();

    /// <summary>The fixed-effects table: estimate, standard error and t value.</summary>
    public IReadOnlyList<FixedEffect> FixedEffects =>
        FixedEffectNames.Select((name, j) =>
        {
            double se = Math.Sqrt(_solution.FixedEffectsCovariance[j, j]);
            return new FixedEffect(name, _solution.Beta[j], se, _solution.Beta[j] / se);
        }).ToArray();

    /// <summary>Residual standard deviation.</summary>
    public double Sigma => _solution.Sigma;

    /// <summary>The residual variance function at its estimates, or null for one residual variance.</summary>
    public FittedVarianceFunction? VarianceFunction { get; }

    /// <summary>Number of parameters: fixed effects, theta, sigma and the variance function's parameters.</summary>
    public int ParameterCount => FixedEffectNames.Count + _effects.Theta.Length + 1 + (VarianceFunction?.ParameterCount ?? 0);

    /// <summary>Log-likelihood (REML log-likelihood for a REML fit, as lme4 reports it).</summary>
    public double LogLikelihood => -Criterion / 2;

    /// <summary>Akaike's information criterion.</summary>
    public double Aic => Criterion + 2 * ParameterCount;

    /// <summary>Bayesian information criterion.</summary>
    public double Bic => Criterion + ParameterCount * Math.Log(ObservationCount);

    /// <summary>The REML criterion at the optimum, or null for an ML fit.</summary>
    public double? RemlCriterion => Method == EstimationMethod.Reml ? Criterion : null;

    /// <summary>The deviance (-2 log-likelihood), or null for a REML fit.</summary>
    public double? Deviance => Method == EstimationMethod.MaximumLikelihood ? Criterion : null;

    /// <summary>Residual degrees of freedom: observations minus parameters.</summary>
    public int ResidualDegreesOfFreedom => ObservationCount - ParameterCount;

    /// <summary>Group names as lme4's VarCorr prints them (a repeated grouping factor gets ".1", ".2").</summary>
    public IReadOnlyList<string> GroupNames => _effects.GroupNames;

    /// <summary>Variance components as lme4's <c>as.data.frame(VarCorr(m), order = "lower.tri")</c>.</summary>
    public IReadOnlyList<VarianceComponent> VarianceComponents
    {
        get
        {
            var rows = _effects.VarianceComponents();
            rows.Add(new VarianceComponent("Residual", null, null, Sigma * Sigma, Sigma));
            return rows;
        }
    }

    /// <summary>Covariance matrix of the random effects of term i: sigma^2 Lambda_i Lambda_i'.</summary>
    public double[,] TermCovariance(int term) => _effects.TermCovariance(term);

    /// <summary>Conditional modes of the random effects with conditional standard deviations (lme4's <c>ranef(m, condVar = TRUE)</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> RandomEffects() => _effects.Tables();

    /// <summary>Per-group coefficients: fixed effects plus the group's random effects (lme4's <c>coef</c>), one table per grouping factor.</summary>
    public IReadOnlyList<RandomEffectsTable> Coefficients() => _effects.Coefficients(FixedEffectNames, _solution.Beta);

    /// <summary>Fitted values X beta + Z b (+ offset) for the observations used.</summary>
    public double[] Fitted() => _effects.LinearPredictor(Design, _solution.Beta);

    /// <summary>
    /// Pearson residuals: (response - fitted) sqrt(w_i) / sigma with w_i the prior weight over g_i^2 (nlme's
    /// <c>residuals(m, type = "pearson")</c>; lme4's <c>residuals(m, "pearson", scaled = TRUE)</c>).
    /// </summary>
    public double[] PearsonResiduals()
    {
        var r = Residuals();
        var w = Design.Frame.Weights;
        for (int i = 0; i < r.Length; i++) r[i] *= Math.Sqrt(w?[i] ?? 1.0) / Sigma;
        return r;
    }

    /// <summary>Response minus fitted values.</summary>
    public double[] Residuals()
    {
        var f = Fitted();
        return Design.Response.Select((y, i) => y - f[i]).ToArray();
    }

    /// <summary>
    /// Predictions for new data: with the random effects of known groups (<paramref name="includeRandomEffects"/>),
    /// a group level not seen in fitting contributes nothing (population prediction), as lme4's
    /// <c>predict(m, newdata, allow.new.levels = TRUE)</c>; NaN where a variable is missing.
    /// </summary>
    public double[] Predict(Dataset newData, bool includeRandomEffects = true) =>
        LinearPredictorForNewData.Compute(Design, _solution.Beta, _effects, newData, includeRandomEffects);
}
