namespace MixedEffects.Optimization;

/// <summary>Argument checks shared by the optimizers.</summary>
internal static class OptimizationInput
{
    /// <summary>Checks dimensions and bounds and returns the start moved inside the bounds (a new array).</summary>
    public static double[] Validate(Func<double[], double> objective, double[] start, double[] lower, double[] upper, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int n = start.Length;
        if (n == 0)
            throw new ArgumentException("start must have at least one component.", nameof(start));
        if (lower.Length != n)
            throw new ArgumentException($"lower has {lower.Length} components but start has {n}.", nameof(lower));
        if (upper.Length != n)
            throw new ArgumentException($"upper has {upper.Length} components but start has {n}.", nameof(upper));
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(start[i]) || double.IsInfinity(start[i]))
                throw new ArgumentException($"start[{i}] = {start[i]} is not finite.", nameof(start));
            if (double.IsNaN(lower[i]) || double.IsNaN(upper[i]) || !(lower[i] < upper[i]) || lower[i] == double.PositiveInfinity || upper[i] == double.NegativeInfinity)
                throw new ArgumentException($"bounds of variable {i} are invalid: lower = {lower[i]}, upper = {upper[i]} (need lower < upper).", nameof(lower));
            x[i] = Math.Clamp(start[i], lower[i], upper[i]);
        }
        return x;
    }
}
