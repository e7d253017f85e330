using MixedEffects.Design;

namespace MixedEffects.Models;

/// <summary>
/// The map between the optimizer's parameter vector and the model's covariance parameters: its length, bounds and
/// start, and how a vector becomes theta (the relative covariance factors of the random-effects terms, in term order,
/// each filled column-wise as lme4 does). Today the vector is theta itself; parameters of other kinds (residual
/// variance structures) are appended here without changing the objective's callers.
/// </summary>
public sealed class CovarianceParameterMap
{
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double[] _start;

    internal CovarianceParameterMap(IReadOnlyList<RandomEffectsTerm> terms)
    {
        _lower = terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        _upper = _lower.Select(_ => double.PositiveInfinity).ToArray();
        _start = terms.SelectMany(t => t.ThetaStart()).ToArray();
        ThetaCount = _lower.Length;
        var reflections = new List<int[]>();
        foreach (var term in terms)
        {
            int s = term.ColumnCount;
            for (int j = 0; j < s; j++)
            {
                int diagonal = reflections.Count;
                reflections.Add(Enumerable.Range(diagonal + 1, s - 1 - j).ToArray());
                for (int i = j + 1; i < s; i++) reflections.Add([]);
            }
        }
        Reflections = reflections.AsReadOnly();
    }

    /// <summary>Length of the optimizer's vector.</summary>
    public int Count => _lower.Length;

    /// <summary>Number of theta parameters.</summary>
    public int ThetaCount { get; }

    /// <summary>Lower bounds (0 for the diagonal of each lambda, -infinity off it).</summary>
    public double[] LowerBounds => (double[])_lower.Clone();

    /// <summary>Upper bounds (+infinity).</summary>
    public double[] UpperBounds => (double[])_upper.Clone();

    /// <summary>lme4's start: 1 on the diagonal of each lambda, 0 off it.</summary>
    public double[] Start => (double[])_start.Clone();

    /// <summary>
    /// For each parameter, the parameters whose signs change with it without changing the criterion: for a diagonal
    /// element of a relative covariance factor, the elements below it in its column (Lambda D with D = diag(+-1) gives
    /// the same Lambda Lambda'); empty for the others. The optimizer's checks use them to look past a zero diagonal.
    /// </summary>
    public IReadOnlyList<int[]> Reflections { get; }

    /// <summary>Writes the theta part of <paramref name="parameters"/> into <paramref name="theta"/>.</summary>
    public void ToTheta(ReadOnlySpan<double> parameters, Span<double> theta) => parameters[..ThetaCount].CopyTo(theta);

    /// <summary>Whether a parameter on its lower bound of 0 (a variance on the boundary) is within <paramref name="tolerance"/> of it.</summary>
    internal bool IsSingular(ReadOnlySpan<double> parameters, double tolerance)
    {
        for (int i = 0; i < ThetaCount; i++)
            if (_lower[i] == 0 && parameters[i] < tolerance) return true;
        return false;
    }
}
