using MixedEffects.Design;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// The map between the optimizer's parameter vector and the model's covariance parameters: its length, bounds and
/// start, and how a vector splits into theta (the relative covariance factors of the random-effects terms, in term
/// order, each filled column-wise as lme4 does) and the parameters of a residual variance function (on the function's
/// scaled form, unbounded), which follow theta. Adding parameters here does not change the objective's callers.
/// </summary>
public sealed class CovarianceParameterMap
{
    private readonly double[] _lower;
    private readonly double[] _upper;
    private readonly double[] _start;

    internal CovarianceParameterMap(IReadOnlyList<RandomEffectsTerm> terms) : this(terms, []) { }

    /// <summary>Theta of <paramref name="terms"/>, then variance-function parameters starting at <paramref name="varianceStart"/>.</summary>
    internal CovarianceParameterMap(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double> varianceStart)
    {
        var thetaLower = terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        ThetaCount = thetaLower.Length;
        _lower = thetaLower.Concat(varianceStart.Select(_ => double.NegativeInfinity)).ToArray();
        _upper = _lower.Select(_ => double.PositiveInfinity).ToArray();
        _start = terms.SelectMany(t => t.ThetaStart()).Concat(varianceStart).ToArray();
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
        foreach (var _ in varianceStart) reflections.Add([]);
        Reflections = reflections.AsReadOnly();
    }

    /// <summary>Length of the optimizer's vector.</summary>
    public int Count => _lower.Length;

    /// <summary>Number of theta parameters (the first ones).</summary>
    public int ThetaCount { get; }

    /// <summary>Number of residual variance-function parameters (after theta).</summary>
    public int VarianceParameterCount => Count - ThetaCount;

    /// <summary>Lower bounds (0 for the diagonal of each lambda, -infinity off it and for variance-function parameters).</summary>
    public double[] LowerBounds => (double[])_lower.Clone();

    /// <summary>Upper bounds (+infinity).</summary>
    public double[] UpperBounds => (double[])_upper.Clone();

    /// <summary>lme4's start for theta (1 on the diagonal of each lambda, 0 off it), then the variance function's start from the data.</summary>
    public double[] Start => (double[])_start.Clone();

    /// <summary>
    /// For each parameter, the parameters whose signs change with it without changing the criterion: for a diagonal
    /// element of a relative covariance factor, the elements below it in its column (Lambda D with D = diag(+-1) gives
    /// the same Lambda Lambda'); empty for the others (and for a variance function's parameters). The optimizer's checks
    /// use them to look past a zero diagonal.
    /// </summary>
    public IReadOnlyList<int[]> Reflections { get; }

    /// <summary>Writes the theta part of <paramref name="parameters"/> into <paramref name="theta"/>.</summary>
    public void ToTheta(ReadOnlySpan<double> parameters, Span<double> theta) => parameters[..ThetaCount].CopyTo(theta);

    /// <summary>
    /// The start with the user's theta (<paramref name="theta"/>, checked against the number of theta parameters) in
    /// place of lme4's; <see cref="Start"/> when none is given.
    /// </summary>
    /// <exception cref="ModelSpecificationException">For the wrong number of values or a value that is not finite.</exception>
    internal double[] StartFrom(IReadOnlyList<double>? theta)
    {
        var start = Start;
        if (theta is null) return start;
        if (theta.Count != ThetaCount)
            throw new ModelSpecificationException($"start values: the model has {ThetaCount} covariance parameters (theta) but {theta.Count} start values were given");
        if (theta.Any(v => !double.IsFinite(v)))
            throw new ModelSpecificationException($"start values: every theta must be a finite number (got {string.Join(", ", theta)})");
        for (int i = 0; i < ThetaCount; i++) start[i] = theta[i];
        return start;
    }

    /// <summary>
    /// One local search (BOBYQA, no restarts or checks) of <paramref name="criterion"/> within the bounds from
    /// <paramref name="start"/>: the inner searches of profiles and glmer's first stage.
    /// </summary>
    internal OptimizationResult MinimizeLocally(Func<double[], double> criterion, double[] start, OptimizerSettings settings) =>
        OptimizerFactory.Search(OptimizerChoice.Bobyqa).Minimize(criterion, start, LowerBounds, UpperBounds, settings);

    /// <summary>
    /// The minimum of <paramref name="criterion"/> (of the whole vector) over every parameter but
    /// <paramref name="index"/>, held at <paramref name="value"/>, by one local search from the other parameters of
    /// <paramref name="at"/>: a point of a likelihood profile.
    /// </summary>
    internal double MinimumHolding(int index, double value, Func<double[], double> criterion, double[] at, OptimizerSettings settings)
    {
        var free = Enumerable.Range(0, Count).Where(i => i != index).ToArray();
        var full = (double[])at.Clone();
        full[index] = value;
        double Free(double[] x)
        {
            for (int i = 0; i < free.Length; i++) full[free[i]] = x[i];
            return criterion(full);
        }
        var start = free.Select(i => at[i]).ToArray();
        return OptimizerFactory.Search(OptimizerChoice.Bobyqa).Minimize(Free, start, free.Select(i => _lower[i]).ToArray(), free.Select(i => _upper[i]).ToArray(), settings).Minimum;
    }

    /// <summary>Whether a parameter on its lower bound of 0 (a variance on the boundary) is within <paramref name="tolerance"/> of it.</summary>
    internal bool IsSingular(ReadOnlySpan<double> parameters, double tolerance)
    {
        for (int i = 0; i < ThetaCount; i++)
            if (_lower[i] == 0 && parameters[i] < tolerance) return true;
        return false;
    }
}
