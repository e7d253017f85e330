using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// A fitted linear mixed model: lme4's <c>merMod</c> numbers (fixed effects, variance components, sigma,
/// likelihood criteria, conditional modes, fitted values). Immutable; arrays returned are copies.
/// </summary>
public sealed class LinearMixedModelFit
{
    private readonly LinearMixedModelSolution _solution;
    private readonly double[] _theta;
    private readonly Lazy<double[][]> _conditionalVariances;

    internal LinearMixedModelFit(string formula, LinearMixedModelDesign design, EstimationMethod method, double[] theta,
        double criterion, LinearMixedModelSolution solution, BlockedCholeskyFactor factor, int evaluations,
        bool converged, bool singular, IReadOnlyList<string> warnings)
    {
        Formula = formula;
        Design = design;
        Method = method;
        _theta = theta;
        Criterion = criterion;
        _solution = solution;
        Evaluations = evaluations;
        Converged = converged;
        Singular = singular;
        Warnings = warnings.ToArray();
        _conditionalVariances = new Lazy<double[][]>(() => ConditionalVariances.Compute(factor, solution.Sigma));
        GroupNames = VarianceComponentNames(design.Terms);
    }

    internal LinearMixedModelDesign Design { get; }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

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
    public double[] Theta => (double[])_theta.Clone();

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

    /// <summary>Number of parameters: fixed effects, theta, and sigma.</summary>
    public int ParameterCount => FixedEffectNames.Count + _theta.Length + 1;

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
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Variance components as lme4's <c>as.data.frame(VarCorr(m), order = "lower.tri")</c>.</summary>
    public IReadOnlyList<VarianceComponent> VarianceComponents
    {
        get
        {
            var rows = new List<VarianceComponent>();
            for (int i = 0; i < Terms.Count; i++)
            {
                var cov = TermCovariance(i);
                var t = Terms[i];
                int s = t.ColumnCount;
                for (int j = 0; j < s; j++)
                    for (int k = j; k < s; k++)
                    {
                        if (k == j)
                            rows.Add(new VarianceComponent(GroupNames[i], t.ColumnNames[j], null, cov[j, j], Math.Sqrt(cov[j, j])));
                        else
                        {
                            double denom = Math.Sqrt(cov[j, j] * cov[k, k]);
                            rows.Add(new VarianceComponent(GroupNames[i], t.ColumnNames[j], t.ColumnNames[k], cov[k, j],
                                denom > 0 ? cov[k, j] / denom : double.NaN));
                        }
                    }
            }
            rows.Add(new VarianceComponent("Residual", null, null, Sigma * Sigma, Sigma));
            return rows;
        }
    }

    /// <summary>Covariance matrix of the random effects of term i: sigma^2 Lambda_i Lambda_i'.</summary>
    public double[,] TermCovariance(int term)
    {
        var t = Terms[term];
        int s = t.ColumnCount;
        var lam = new double[s * s];
        int offset = Terms.Take(term).Sum(x => x.ThetaCount);
        t.FillLambda(_theta.AsSpan(offset, t.ThetaCount), lam);
        var cov = new double[s, s];
        double s2 = Sigma * Sigma;
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int k = 0; k < s; k++) v += lam[i * s + k] * lam[j * s + k];
                cov[i, j] = s2 * v;
            }
        return cov;
    }

    /// <summary>Conditional modes of the random effects with conditional standard deviations (lme4's <c>ranef(m, condVar = TRUE)</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> RandomEffects()
    {
        var cv = _conditionalVariances.Value;
        return Terms.Select((t, i) =>
        {
            int s = t.ColumnCount;
            var values = new double[t.LevelCount, s];
            var sd = new double[t.LevelCount, s];
            for (int g = 0; g < t.LevelCount; g++)
                for (int c = 0; c < s; c++)
                {
                    values[g, c] = _solution.RandomEffects[i][g * s + c];
                    sd[g, c] = Math.Sqrt(cv[i][g * s * s + c * s + c]);
                }
            return new RandomEffectsTable(t.GroupName, t.ColumnNames, t.Levels, values, sd);
        }).ToArray();
    }

    /// <summary>Per-group coefficients: fixed effects plus the group's random effects (lme4's <c>coef</c>), one table per grouping factor.</summary>
    public IReadOnlyList<RandomEffectsTable> Coefficients()
    {
        var names = FixedEffectNames;
        return Terms.Select((t, i) => (t, i)).GroupBy(p => p.t.GroupName).Select(group =>
        {
            var first = group.First().t;
            var extra = group.SelectMany(p => p.t.ColumnNames).Where(c => !names.Contains(c)).Distinct().ToList();
            var columns = names.Concat(extra).ToList();
            var values = new double[first.LevelCount, columns.Count];
            for (int g = 0; g < first.LevelCount; g++)
            {
                for (int j = 0; j < names.Count; j++) values[g, j] = _solution.Beta[j];
                foreach (var (t, i) in group)
                    for (int c = 0; c < t.ColumnCount; c++)
                        values[g, columns.IndexOf(t.ColumnNames[c])] += _solution.RandomEffects[i][g * t.ColumnCount + c];
            }
            return new RandomEffectsTable(first.GroupName, columns, first.Levels, values, null);
        }).ToArray();
    }

    /// <summary>Fitted values X beta + Z b (+ offset) for the observations used.</summary>
    public double[] Fitted()
    {
        var x = Design.X.Matrix.Columns;
        var f = (double[])Design.Frame.Offset.Clone();
        for (int j = 0; j < x.Length; j++)
            for (int r = 0; r < f.Length; r++) f[r] += x[j][r] * _solution.Beta[j];
        for (int i = 0; i < Terms.Count; i++)
        {
            var t = Terms[i];
            int s = t.ColumnCount;
            var b = _solution.RandomEffects[i];
            for (int r = 0; r < f.Length; r++)
            {
                int g = t.Code(r);
                for (int c = 0; c < s; c++) f[r] += t.Value(r, c) * b[g * s + c];
            }
        }
        return f;
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
    public double[] Predict(DataFrame newData, bool includeRandomEffects = true) =>
        LinearMixedModelPrediction.Predict(this, _solution, newData, includeRandomEffects);

    private static IReadOnlyList<string> VarianceComponentNames(IReadOnlyList<RandomEffectsTerm> terms)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return terms.Select(t =>
        {
            seen.TryGetValue(t.GroupName, out int k);
            seen[t.GroupName] = k + 1;
            return k == 0 ? t.GroupName : $"{t.GroupName}.{k}";
        }).ToArray();
    }
}
