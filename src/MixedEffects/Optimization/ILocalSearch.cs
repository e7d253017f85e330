namespace MixedEffects.Optimization;

/// <summary>
/// The local search that <see cref="PersistentMinimizer"/>'s restart loop runs and checks: the first search, the
/// restarts in scaled coordinates, the derivatives for the Newton probe and the final convergence check. One instance
/// serves one minimization and counts its evaluations.
/// </summary>
internal interface ILocalSearch
{
    /// <summary>The objective's value alone, counted as a search evaluation (for probes and the edge search).</summary>
    double Value(double[] x);

    /// <summary>The first search from <paramref name="start"/>.</summary>
    OptimizationResult First(double[] start);

    /// <summary>A restart from <paramref name="from"/> in coordinates scaled by the parameters' magnitudes.</summary>
    OptimizationResult Restart(double[] from);

    /// <summary>
    /// The restart from the edge (see <see cref="PersistentMinimizer"/>): a derivative-free search from
    /// <paramref name="from"/> compared with <paramref name="fx"/>, the value at the optimum found.
    /// </summary>
    OptimizationResult Edge(double[] from, double fx);

    /// <summary>The gradient and Hessian over <paramref name="interior"/> for the Newton probe, or null when not checked.</summary>
    FiniteDifferenceDerivatives? Derivatives(double[] x, double fx, int[] interior);

    /// <summary>Whether the search should be restarted from <paramref name="x"/> itself (its gradient says it stopped early).</summary>
    bool RestartHere(double[] x);

    /// <summary>Records the search result that the loop accepted (a gradient it carries is kept for the checks).</summary>
    void Accepted(OptimizationResult result);

    /// <summary>
    /// The final check at <paramref name="x"/>: the gradient reported, lme4's scaled-gradient criterion and a
    /// warning when the check fails (null when it passes). <paramref name="derivatives"/> are the last derivatives
    /// computed at <paramref name="x"/>, if any.
    /// </summary>
    (double[] Gradient, double MaxScaled, string? Warning) Check(double[] x, double fx, FiniteDifferenceDerivatives? derivatives, int[] interior);

    /// <summary>Evaluations of the objective by the searches and probes.</summary>
    int Evaluations { get; }

    /// <summary>Of all evaluations, how many also computed the gradient.</summary>
    int GradientEvaluations { get; }

    /// <summary>Evaluations of the derivative checks.</summary>
    int CheckEvaluations { get; }
}
