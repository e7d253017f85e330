namespace MixedEffects.Inference;

/// <summary>
/// Finds where a profile's signed square root (zeta, 0 at the estimate, increasing in the parameter) reaches a
/// target: steps outward from the estimate with secant extrapolation until the target is bracketed, then Brent.
/// </summary>
internal static class ProfileBound
{
    /// <summary>
    /// The parameter value where zeta equals <paramref name="target"/> (negative for the lower bound), searching from
    /// <paramref name="estimate"/> towards <paramref name="limit"/>; null when zeta at the limit has not reached the target.
    /// </summary>
    public static double? Find(Func<double, double> zeta, double estimate, double firstStep, double target, double limit, double tolerance)
    {
        double dir = Math.Sign(target);
        double a = estimate, fa = 0;
        double b = Clamp(estimate + dir * Math.Abs(firstStep), limit, dir);
        for (int iter = 0; iter < 60; iter++)
        {
            double fb = zeta(b);
            if (dir * (fb - target) >= 0)
                return BracketedRoot.Find(x => zeta(x) - target, a, b, fa - target, fb - target, tolerance);
            if (b == limit) return null;
            double step = b - a;
            double slope = (fb - fa) / step;
            double length = 2 * Math.Abs(step);
            if (slope > 0)
                length = Math.Clamp(1.2 * Math.Abs((target - fb) / slope), 0.2 * Math.Abs(step), 4 * Math.Abs(step));
            double next = b + dir * length;
            a = b; fa = fb;
            b = Clamp(next, limit, dir);
        }
        return null;
    }

    private static double Clamp(double x, double limit, double dir) => dir > 0 ? Math.Min(x, limit) : Math.Max(x, limit);
}
