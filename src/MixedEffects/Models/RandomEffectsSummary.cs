using MixedEffects.Design;

namespace MixedEffects.Models;

/// <summary>
/// The random-effects side of a fitted mixed model, shared by linear and generalized fits: the terms, theta, the
/// scale of the covariance (sigma for a linear model, 1 for a generalized one), the conditional modes b per term and
/// their conditional variances. Produces lme4's <c>VarCorr</c>, <c>ranef</c> and <c>coef</c> tables and Z b.
/// </summary>
internal sealed class RandomEffectsSummary
{
    private readonly double[] _theta;
    private readonly double _scale;
    private readonly double[][] _b;
    private readonly Lazy<double[][]> _conditionalVariances;

    /// <summary>
    /// Creates the summary. <paramref name="conditionalVariances"/> is evaluated at most once, on first use: per term, per
    /// level, the s x s conditional covariance (row-major), level-major.
    /// </summary>
    public RandomEffectsSummary(IReadOnlyList<RandomEffectsTerm> terms, double[] theta, double scale, double[][] randomEffects,
        Func<double[][]> conditionalVariances)
    {
        Terms = terms;
        _theta = theta;
        _scale = scale;
        _b = randomEffects;
        _conditionalVariances = new Lazy<double[][]>(conditionalVariances);
        GroupNames = VarianceComponentNames(terms);
    }

    /// <summary>The random-effects terms in lme4's order.</summary>
    public IReadOnlyList<RandomEffectsTerm> Terms { get; }

    /// <summary>The covariance parameters (not copied).</summary>
    public double[] Theta => _theta;

    /// <summary>The conditional modes b = Lambda u per term, level-major (not copied).</summary>
    public double[][] RandomEffects => _b;

    /// <summary>Group names as lme4's VarCorr prints them (a repeated grouping factor gets ".1", ".2").</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>The random-effects rows of lme4's <c>as.data.frame(VarCorr(m), order = "lower.tri")</c> (no residual row).</summary>
    public List<VarianceComponent> VarianceComponents()
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
        return rows;
    }

    /// <summary>Covariance matrix of the random effects of term i: scale^2 Lambda_i Lambda_i'.</summary>
    public double[,] TermCovariance(int term)
    {
        var t = Terms[term];
        int s = t.ColumnCount;
        int offset = Terms.Take(term).Sum(x => x.ThetaCount);
        var relative = t.RelativeCovariance(_theta.AsSpan(offset, t.ThetaCount));
        var cov = new double[s, s];
        double s2 = _scale * _scale;
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) cov[i, j] = s2 * relative[i * s + j];
        return cov;
    }

    /// <summary>Conditional modes with conditional standard deviations (lme4's <c>ranef(m, condVar = TRUE)</c>).</summary>
    public IReadOnlyList<RandomEffectsTable> Tables()
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
                    values[g, c] = _b[i][g * s + c];
                    sd[g, c] = Math.Sqrt(cv[i][g * s * s + c * s + c]);
                }
            return new RandomEffectsTable(t.GroupName, t.ColumnNames, t.Levels, values, sd);
        }).ToArray();
    }

    /// <summary>Per-group coefficients: fixed effects plus the group's random effects (lme4's <c>coef</c>), one table per grouping factor.</summary>
    public IReadOnlyList<RandomEffectsTable> Coefficients(IReadOnlyList<string> fixedEffectNames, double[] beta)
    {
        var names = fixedEffectNames;
        return Terms.Select((t, i) => (t, i)).GroupBy(p => p.t.GroupName).Select(group =>
        {
            var first = group.First().t;
            var extra = group.SelectMany(p => p.t.ColumnNames).Where(c => !names.Contains(c)).Distinct().ToList();
            var columns = names.Concat(extra).ToList();
            var values = new double[first.LevelCount, columns.Count];
            for (int g = 0; g < first.LevelCount; g++)
            {
                for (int j = 0; j < names.Count; j++) values[g, j] = beta[j];
                foreach (var (t, i) in group)
                    for (int c = 0; c < t.ColumnCount; c++)
                        values[g, columns.IndexOf(t.ColumnNames[c])] += _b[i][g * t.ColumnCount + c];
            }
            return new RandomEffectsTable(first.GroupName, columns, first.Levels, values, null);
        }).ToArray();
    }

    /// <summary>Fitted linear predictor offset + X beta + Z b for the observations used in fitting.</summary>
    public double[] LinearPredictor(MixedModelDesign design, double[] beta)
    {
        var f = (double[])design.Frame.Offset.Clone();
        MixedEffects.LinearAlgebra.LinearPredictor.AddFixed(f, design.X.Matrix.Columns, beta);
        for (int i = 0; i < Terms.Count; i++) MixedEffects.LinearAlgebra.LinearPredictor.AddRandom(f, Terms[i], _b[i]);
        return f;
    }

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
