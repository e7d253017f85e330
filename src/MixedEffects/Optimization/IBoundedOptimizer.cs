namespace MixedEffects.Optimization;

/// <summary>A derivative-free minimizer of a function of several variables subject to simple bounds.</summary>
public interface IBoundedOptimizer
{
    /// <summary>
    /// Minimizes <paramref name="objective"/> subject to <c>lower[i] &lt;= x[i] &lt;= upper[i]</c>.
    /// The objective receives an array it must not keep (it is reused between calls).
    /// </summary>
    /// <param name="objective">Function to minimize.</param>
    /// <param name="start">Starting point; a component outside its bounds is moved onto the nearest bound.</param>
    /// <param name="lower">Lower bounds; <see cref="double.NegativeInfinity"/> for an unbounded variable.</param>
    /// <param name="upper">Upper bounds; <see cref="double.PositiveInfinity"/> for an unbounded variable.</param>
    /// <param name="settings">Step sizes and stopping rules.</param>
    /// <returns>The best point found, its value, the number of evaluations and why the search stopped.</returns>
    OptimizationResult Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper, OptimizerSettings settings);
}
