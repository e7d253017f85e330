using MixedEffects.Design;
using MixedEffects.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Sql;

/// <summary>
/// A linear mixed model fitted from aggregates: lme4's numbers that need only the cross products (fixed effects and
/// their covariance, variance components, sigma, likelihood criteria, conditional modes and variances). Per-row
/// outputs (fitted values, residuals) need the rows and are not part of it. Immutable; arrays returned are copies.
/// </summary>
public sealed class SqlLinearMixedModelFit
{
    private readonly LinearMixedModelSolution _solution;
    private readonly RandomEffectsSummary _effects;
    private readonly SqlModelAggregates _aggregates;
    private readonly double[]? _quantiles;

    internal SqlLinearMixedModelFit(string formula, string source, SqlModelAggregates aggregates, EstimationMethod method,
        double[] theta, double criterion, LinearMixedModelSolution solution, BlockedCholeskyFactor factor, int evaluations,
        bool converged, bool singular, IReadOnlyList<string> warnings, double[]? scaledResidualQuantiles, SqlFitTimes times)
    {
        Formula = formula;
        Source = source;
        _aggregates = aggregates;
        Method = method;
        Criterion = criterion;
        _solution = solution;
        Evaluations = evaluations;
        Converged = converged;
        Singular = singular;
        Warnings = warnings.ToArray();
        _quantiles = scaledResidualQuantiles;
        Times = times;
        _effects = new RandomEffectsSummary(aggregates.Terms, theta, solution.Sigma, solution.RandomEffects,
            () => factor.ConditionalCovariances(solution.Sigma));
    }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>The source as described in summaries (no password).</summary>
    public string Source { get; }

    /// <summary>REML or ML.</summary>
    public EstimationMethod Method { get; }

    /// <summary>Number of observations used.</summary>
    public int ObservationCount => _aggregates.ObservationCount;

    /// <summary>Rows dropped because a model variable was NULL.</summary>
    public long DroppedRowCount => _aggregates.DroppedRowCount;

    /// <summary>Rows the aggregation queries returned (all queries together): the data that travelled.</summary>
    public long AggregatedRowCount => _aggregates.AggregatedRowCount;

    /// <summary>Wall time of the phases.</summary>
    public SqlFitTimes Times { get; }

    /// <summary>
    /// The quantiles 0, 0.25, 0.5, 0.75 and 1 (R's type 7) of the scaled residuals, computed by a second pass in the
    /// engine; null when that pass was not run.
    /// </summary>
    public double[]? ScaledResidualQuantiles => (double[]?)_quantiles?.Clone();

    /// <summary>The random-effects terms in lme4's order (levels and column names; no per-row values).</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms => _aggregates.Terms;

    /// <summary>Number of levels of each grouping factor, by lme4's group name, in term order.</summary>
    public IReadOnlyDictionary<string, int> GroupCounts =>
        Terms.GroupBy(t => t.GroupName).ToDictionary(g => g.Key, g => g.First().LevelCount);

    /// <summary>The covariance parameters theta at the optimum.</summary>
    public double[] Theta => (double[])_effects.Theta.Clone();

    /// <summary>The optimized criterion: REML criterion or ML deviance.</summary>
    public double Criterion { get; }

    /// <summary>Number of objective evaluations the optimizer used.</summary>
    public int Evaluations { get; }

    /// <summary>False when the optimizer stopped early or the gradient check failed.</summary>
    public bool Converged { get; }

    /// <summary>True when some variance component is estimated at (or near) zero.</summary>
    public bool Singular { get; }

    /// <summary>Messages about the fit in lme4's wording.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Fixed-effect coefficient names in R's order (after dropping dependent columns).</summary>
    public IReadOnlyList<string> FixedEffectNames => _aggregates.FixedEffectNames;

    /// <summary>Names of fixed-effect columns dropped for rank deficiency.</summary>
    public IReadOnlyList<string> DroppedColumns => _aggregates.DroppedColumns;

    /// <summary>Fixed-effects estimates in R's order.</summary>
    public double[] Beta => (double[])_solution.Beta.Clone();

    /// <summary>Covariance matrix of the fixed-effects estimates.</summary>
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

    /// <summary>Number of parameters: fixed effects, theta, and sigma.</summary>
    public int ParameterCount => FixedEffectNames.Count + _effects.Theta.Length + 1;

    /// <summary>Log-likelihood (REML log-likelihood for a REML fit).</summary>
    public double LogLikelihood => -Criterion / 2;

    /// <summary>Akaike's information criterion.</summary>
    public double Aic => Criterion + 2 * ParameterCount;

    /// <summary>Bayesian information criterion.</summary>
    public double Bic => Criterion + ParameterCount * Math.Log(ObservationCount);

    /// <summary>Residual degrees of freedom: observations minus parameters.</summary>
    public int ResidualDegreesOfFreedom => ObservationCount - ParameterCount;

    /// <summary>Group names as lme4's VarCorr prints them.</summary>
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

    /// <summary>Covariance matrix of the random effects of term i.</summary>
    public double[,] TermCovariance(int term) => _effects.TermCovariance(term);

    /// <summary>Conditional modes with conditional standard deviations (lme4's <c>ranef(m, condVar = TRUE)</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> RandomEffects() => _effects.Tables();

    /// <summary>Per-group coefficients (lme4's <c>coef</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> Coefficients() => _effects.Coefficients(FixedEffectNames, _solution.Beta);
}
