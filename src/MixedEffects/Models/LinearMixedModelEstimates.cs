using MixedEffects.Design;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// What a fitted linear mixed model gives from its cross products A = [Z X y]'[Z X y] alone, whether the rows were in
/// memory or aggregated by a SQL engine: fixed effects and their covariance, variance components, sigma, likelihood
/// criteria, conditional modes and variances; and, through A, the inference that needs only A (Satterthwaite's df,
/// likelihood-ratio tests). Immutable; arrays returned are copies.
/// </summary>
public abstract class LinearMixedModelEstimates
{
    private readonly LinearMixedModelSolution _solution;
    private readonly RandomEffectsSummary _effects;
    private readonly IReadOnlyList<string> _fixedEffectNames;
    private readonly IReadOnlyList<string> _droppedColumns;

    private protected LinearMixedModelEstimates(string formula, EstimationMethod method, BlockedCrossProducts crossProducts,
        IReadOnlyList<RandomEffectsTerm> terms, int observationCount, IReadOnlyList<string> fixedEffectNames, IReadOnlyList<string> droppedColumns, double[] theta, double criterion,
        LinearMixedModelSolution solution, BlockedCholeskyFactor factor, int evaluations, bool converged, bool singular,
        IReadOnlyList<string> warnings)
    {
        Formula = formula;
        Method = method;
        CrossProducts = crossProducts;
        Terms = terms;
        ObservationCount = observationCount;
        _fixedEffectNames = fixedEffectNames;
        _droppedColumns = droppedColumns;
        Criterion = criterion;
        _solution = solution;
        Evaluations = evaluations;
        Converged = converged;
        Singular = singular;
        Warnings = warnings.ToArray();
        _effects = new RandomEffectsSummary(terms, theta, solution.Sigma, solution.RandomEffects,
            () => factor.ConditionalCovariances(solution.Sigma));
    }

    /// <summary>The cross products the model was fitted from (and its inference is computed from).</summary>
    internal BlockedCrossProducts CrossProducts { get; }

    /// <summary>The estimates and conditional modes at the optimum.</summary>
    private protected LinearMixedModelSolution Solution => _solution;

    /// <summary>The random-effects summary at the optimum.</summary>
    private protected RandomEffectsSummary Effects => _effects;

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>REML or ML.</summary>
    public EstimationMethod Method { get; }

    /// <summary>Number of observations used.</summary>
    public int ObservationCount { get; }

    /// <summary>The random-effects terms in lme4's order (most levels first).</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }

    /// <summary>Number of levels of each grouping factor, by lme4's group name, in term order.</summary>
    public IReadOnlyDictionary<string, int> GroupCounts =>
        Terms.GroupBy(t => t.GroupName).ToDictionary(g => g.Key, g => g.First().LevelCount);

    /// <summary>The covariance parameters theta at the optimum (lme4's <c>getME(m, "theta")</c>).</summary>
    public double[] Theta => (double[])_effects.Theta.Clone();

    /// <summary>The optimized criterion: REML criterion or ML deviance.</summary>
    public double Criterion { get; }

    /// <summary>Number of objective evaluations the optimizer used.</summary>
    public int Evaluations { get; }

    /// <summary>False when the optimizer stopped early or the gradient check failed.</summary>
    public bool Converged { get; }

    /// <summary>True when some variance component is estimated at (or within 1e-4 of) zero.</summary>
    public bool Singular { get; }

    /// <summary>Messages about the fit in lme4's wording (singular fit, convergence, dropped columns, dropped rows).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Fixed-effect coefficient names in R's order (after dropping dependent columns).</summary>
    public IReadOnlyList<string> FixedEffectNames => _fixedEffectNames;

    /// <summary>Names of fixed-effect columns dropped for rank deficiency.</summary>
    public IReadOnlyList<string> DroppedColumns => _droppedColumns;

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

    /// <summary>Number of parameters: fixed effects, theta and sigma (and any other variance parameters).</summary>
    public virtual int ParameterCount => FixedEffectNames.Count + _effects.Theta.Length + 1;

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

    /// <summary>
    /// The same model fitted by <paramref name="method"/> from the same cross products (the fit itself when it already
    /// is), as likelihood-ratio tests of REML fits need.
    /// </summary>
    public abstract LinearMixedModelEstimates WithMethod(EstimationMethod method);

    /// <summary>
    /// A new criterion factor at any variance parameters (theta, then a variance function's): the fit's cross products,
    /// or, under a residual variance function, the design reweighted by the function at each parameter vector.
    /// </summary>
    internal virtual IParameterizedCriterion ParameterizedCriterion() => new ProfiledDeviance(CrossProducts, Method);

    /// <summary>The fixed part's terms, variables and columns, as the term-wise tests (ANOVA) need them.</summary>
    internal abstract FixedTermDesign FixedTermDesign();

    /// <summary>Conditional modes of the random effects with conditional standard deviations (lme4's <c>ranef(m, condVar = TRUE)</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> RandomEffects() => _effects.Tables();

    /// <summary>Per-group coefficients: fixed effects plus the group's random effects (lme4's <c>coef</c>), one table per grouping factor.</summary>
    public IReadOnlyList<RandomEffectsTable> Coefficients() => _effects.Coefficients(FixedEffectNames, _solution.Beta);
}
