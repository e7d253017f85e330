using MixedEffects.Design;

namespace MixedEffects.Inference;

/// <summary>
/// The variance parameters of a linear mixed model on lme4's standard-deviation / correlation scale: per term, the
/// lower triangle of its covariance column by column (standard deviation on the diagonal, correlation below it),
/// then the residual standard deviation sigma. Converts to and from (theta, sigma).
/// </summary>
internal sealed class VarianceParameters
{
    private readonly IReadOnlyList<RandomEffectsTerm> _terms;

    public VarianceParameters(IReadOnlyList<RandomEffectsTerm> terms)
    {
        _terms = terms;
        ThetaCount = terms.Sum(t => t.ThetaCount);
        var kinds = new List<bool>();
        var names = new List<string>();
        foreach (var t in terms)
            for (int j = 0; j < t.ColumnCount; j++)
                for (int k = j; k < t.ColumnCount; k++)
                {
                    kinds.Add(k == j);
                    names.Add(k == j ? $"sd_{t.ColumnNames[j]}|{t.GroupName}" : $"cor_{t.ColumnNames[k]}.{t.ColumnNames[j]}|{t.GroupName}");
                }
        kinds.Add(true);
        names.Add("sigma");
        IsStandardDeviation = kinds.ToArray();
        Names = names.ToArray();
    }

    /// <summary>Number of theta elements (the count of variance parameters is this plus one for sigma).</summary>
    public int ThetaCount { get; }

    /// <summary>Number of parameters: the theta count plus sigma.</summary>
    public int Count => ThetaCount + 1;

    /// <summary>lme4's names (<c>oldNames = FALSE</c>), sigma last.</summary>
    public string[] Names { get; }

    /// <summary>True for standard deviations (bounded below by 0), false for correlations (in [-1, 1]).</summary>
    public bool[] IsStandardDeviation { get; }

    /// <summary>Standard deviations and correlations from theta and sigma.</summary>
    public double[] FromTheta(ReadOnlySpan<double> theta, double sigma)
    {
        var result = new double[Count];
        int offset = 0, index = 0;
        foreach (var t in _terms)
        {
            int s = t.ColumnCount;
            var cov = t.RelativeCovariance(theta.Slice(offset, t.ThetaCount));
            for (int j = 0; j < s; j++)
                for (int k = j; k < s; k++)
                {
                    if (k == j) result[index++] = sigma * Math.Sqrt(cov[j * s + j]);
                    else
                    {
                        double d = Math.Sqrt(cov[j * s + j] * cov[k * s + k]);
                        result[index++] = d > 0 ? cov[k * s + j] / d : 0;
                    }
                }
            offset += t.ThetaCount;
        }
        result[index] = sigma;
        return result;
    }

    /// <summary>
    /// Theta from standard deviations, correlations and sigma (the last parameter): the lower Cholesky factor of each
    /// term's relative covariance, with a zero column where the covariance is only semidefinite. False when a
    /// correlation matrix is not positive semidefinite.
    /// </summary>
    public bool ToTheta(ReadOnlySpan<double> parameters, Span<double> theta)
    {
        double sigma = parameters[Count - 1];
        int offset = 0, index = 0;
        foreach (var t in _terms)
        {
            int s = t.ColumnCount;
            var sd = new double[s];
            var cor = new double[s * s];
            for (int j = 0; j < s; j++)
                for (int k = j; k < s; k++)
                {
                    if (k == j) { sd[j] = parameters[index++] / sigma; cor[j * s + j] = 1; }
                    else { cor[k * s + j] = cor[j * s + k] = parameters[index++]; }
                }
            var l = new double[s * s];
            for (int j = 0; j < s; j++)
            {
                double d = sd[j] * sd[j];
                for (int m = 0; m < j; m++) d -= l[j * s + m] * l[j * s + m];
                double tol = 1e-12 * sd[j] * sd[j];
                if (d < -tol - 1e-300) return false;
                double ljj = d > tol ? Math.Sqrt(d) : 0;
                l[j * s + j] = ljj;
                for (int i = j + 1; i < s; i++)
                {
                    double v = cor[i * s + j] * sd[i] * sd[j];
                    for (int m = 0; m < j; m++) v -= l[i * s + m] * l[j * s + m];
                    if (ljj > 0) l[i * s + j] = v / ljj;
                    else if (Math.Abs(v) > 1e-10 * (sd[i] * sd[j] + 1e-300)) return false;
                }
            }
            int kk = 0;
            for (int j = 0; j < s; j++)
                for (int i = j; i < s; i++)
                    theta[offset + kk++] = l[i * s + j];
            offset += t.ThetaCount;
        }
        return true;
    }
}
