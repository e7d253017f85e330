namespace MixedEffects.Optimization;

/// <summary>
/// A line search for a step alpha along a descent direction d that satisfies the strong Wolfe conditions
/// phi(alpha) &lt;= phi(0) + c1 alpha phi'(0) and |phi'(alpha)| &lt;= c2 |phi'(0)| (J. Nocedal and S. J. Wright,
/// Numerical Optimization, 2nd ed., algorithms 3.5 and 3.6): steps grow until they bracket an acceptable step,
/// which is then located by safeguarded cubic interpolation (the minimizer of the cubic through the bracket's
/// values and slopes, kept at least 10% of the bracket away from its ends). The curvature condition keeps every
/// BFGS pair's s'y positive. Steps never exceed <c>maxStep</c> (the largest step inside the bounds).
/// </summary>
internal static class StrongWolfeLineSearch
{
    private const double C1 = 1e-4, C2 = 0.9;
    private const int MaxTrials = 30;

    /// <summary>One trial: the step, phi and phi' there.</summary>
    public readonly record struct Trial(double Step, double Value, double Slope);

    /// <summary>
    /// Searches from phi(0) = <paramref name="value0"/>, phi'(0) = <paramref name="slope0"/> &lt; 0, starting with
    /// <paramref name="initialStep"/>. <paramref name="phi"/> evaluates phi and phi' at a step (and keeps the point and
    /// gradient of its last call for the caller). Returns the accepted trial, or the best trial with sufficient
    /// decrease when the bracket collapses, or null when no step decreased phi.
    /// </summary>
    public static Trial? Search(Func<double, Trial> phi, double value0, double slope0, double initialStep, double maxStep, out int trials)
    {
        trials = 0;
        var previous = new Trial(0, value0, slope0);
        double step = Math.Min(initialStep, maxStep);
        while (trials < MaxTrials)
        {
            var t = phi(step);
            trials++;
            if (!double.IsFinite(t.Value) || t.Value > value0 + C1 * step * slope0 || (trials > 1 && t.Value >= previous.Value))
                return Zoom(phi, value0, slope0, previous, t, ref trials);
            if (Math.Abs(t.Slope) <= -C2 * slope0) return t;
            if (t.Slope >= 0) return Zoom(phi, value0, slope0, t, previous, ref trials);
            if (step >= maxStep) return t;
            previous = t;
            step = Math.Min(maxStep, 4 * step);
        }
        return previous.Step > 0 ? previous : null;
    }

    /// <summary>Narrows the bracket [lo, hi] (lo the lower end by value, satisfying sufficient decrease) to an acceptable step.</summary>
    private static Trial? Zoom(Func<double, Trial> phi, double value0, double slope0, Trial lo, Trial hi, ref int trials)
    {
        while (trials < MaxTrials)
        {
            double width = hi.Step - lo.Step;
            if (Math.Abs(width) <= 1e-12 * Math.Max(Math.Abs(lo.Step), Math.Abs(hi.Step))) break;
            // within the bracket phi can change by about |width phi'(0)|: below rounding of phi, nothing is left to find
            if (Math.Abs(width * slope0) <= 1e-13 * Math.Max(1, Math.Abs(value0))) break;
            double step = CubicMinimizer(lo, hi);
            double a = Math.Min(lo.Step, hi.Step), b = Math.Max(lo.Step, hi.Step), margin = 0.1 * (b - a);
            if (!double.IsFinite(step) || step < a + margin || step > b - margin) step = 0.5 * (lo.Step + hi.Step);
            var t = phi(step);
            trials++;
            if (!double.IsFinite(t.Value) || t.Value > value0 + C1 * step * slope0 || t.Value >= lo.Value)
            {
                hi = t;
                continue;
            }
            if (Math.Abs(t.Slope) <= -C2 * slope0) return t;
            if (t.Slope * (hi.Step - lo.Step) >= 0) hi = lo;
            lo = t;
        }
        return lo.Step > 0 ? lo : null;
    }

    /// <summary>The minimizer of the cubic interpolating both trials' values and slopes (NaN when it has none).</summary>
    private static double CubicMinimizer(Trial p, Trial q)
    {
        if (!double.IsFinite(q.Value) || !double.IsFinite(q.Slope)) return double.NaN;
        double d1 = p.Slope + q.Slope - 3 * (p.Value - q.Value) / (p.Step - q.Step);
        double disc = d1 * d1 - p.Slope * q.Slope;
        if (!(disc >= 0)) return double.NaN;
        double d2 = Math.Sign(q.Step - p.Step) * Math.Sqrt(disc);
        return q.Step - (q.Step - p.Step) * (q.Slope + d2 - d1) / (q.Slope - p.Slope + 2 * d2);
    }
}
