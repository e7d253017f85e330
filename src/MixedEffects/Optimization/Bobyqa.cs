namespace MixedEffects.Optimization;

/// <summary>
/// Powell's BOBYQA (Bound Optimization BY Quadratic Approximation; M.J.D. Powell, "The BOBYQA algorithm for bound
/// constrained optimization without derivatives", DAMTP 2009/NA06), the optimizer lme4's lmer uses for the
/// profiled deviance. A quadratic model interpolates f at 2n+1 points and is updated by the least change in the
/// Frobenius norm of its Hessian; trust-region steps within the bounds alternate with model-improvement steps
/// while the radius rho falls from <see cref="OptimizerSettings.InitialTrustRadius"/> to
/// <see cref="OptimizerSettings.FinalTrustRadius"/>.
/// <para>
/// For a single variable BOBYQA's interpolation scheme is not defined (Powell requires n &gt;= 2), so a
/// bounded Brent search is used instead: downhill bracketing from the start, Brent's golden-section and
/// parabolic minimization inside the bracket, and a final evaluation on the bound when the minimum lies within
/// the tolerance of it (so that a singular fit reports exactly 0).
/// </para>
/// The class is stateless; every call allocates its own buffers, so one instance may be shared between threads.
/// </summary>
public sealed class Bobyqa : IBoundedOptimizer
{
    /// <inheritdoc />
    public OptimizationResult Minimize(Func<double[], double> objective, double[] start, double[] lower, double[] upper, OptimizerSettings settings)
    {
        double[] x0 = OptimizationInput.Validate(objective, start, lower, upper, settings);
        int n = x0.Length;
        var counted = new CountedObjective(objective, n, settings.MaxEvaluations);
        double rhobeg = settings.InitialTrustRadius;
        for (int i = 0; i < n; i++) rhobeg = Math.Min(rhobeg, 0.5 * (upper[i] - lower[i]));
        if (n == 1)
            return new BoundedBrent(counted, lower[0], upper[0], settings).Run(x0[0], rhobeg);
        var lo = (double[])lower.Clone();
        var hi = (double[])upper.Clone();
        return new BobyqaSolver(counted, lo, hi, settings).Run(x0, rhobeg);
    }
}
