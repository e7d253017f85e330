namespace MixedEffects.Distributions;

/// <summary>
/// Solves f(x) = 0 for an increasing function f on [lowerBound, +inf): secant steps from two
/// starting points (as R's qtukey does), and, when those do not converge, a bracket found by
/// doubling steps and closed by the Illinois variant of regula falsi with bisection safeguards.
/// </summary>
internal static class MonotoneRootFinder
{
    private const int MaxSecantSteps = 40;
    private const int MaxBracketSteps = 400;
    private const double AbsoluteFloor = 1e-300;

    /// <summary>
    /// Root of the increasing function <paramref name="f"/> near <paramref name="x0"/> and
    /// <paramref name="x1"/>, never below <paramref name="lowerBound"/>; converged when a step is
    /// below <paramref name="relativeTolerance"/> * |x|.
    /// </summary>
    public static double Solve(Func<double, double> f, double x0, double x1, double lowerBound, double relativeTolerance)
    {
        double f0 = f(x0), f1 = f(x1);
        if (f0 == 0) return x0;
        for (int step = 0; step < MaxSecantSteps && double.IsFinite(f0) && double.IsFinite(f1); step++)
        {
            if (f1 == 0) return x1;
            if (f1 == f0) break;
            double next = x1 - f1 * (x1 - x0) / (f1 - f0);
            if (!double.IsFinite(next)) break;
            if (next < lowerBound) next = lowerBound;
            x0 = x1; f0 = f1;
            x1 = next; f1 = f(x1);
            if (Math.Abs(x1 - x0) < relativeTolerance * Math.Abs(x1) + AbsoluteFloor && double.IsFinite(f1)) return x1;
        }
        return Bracketed(f, double.IsFinite(x1) ? x1 : x0, lowerBound, relativeTolerance);
    }

    private static double Bracketed(Func<double, double> f, double start, double lowerBound, double relativeTolerance)
    {
        double a = Math.Max(start, lowerBound), fa = f(a);
        if (fa == 0) return a;
        double width = Math.Max(1.0, Math.Abs(a)) * 0.1;
        double b = a, fb = fa;
        for (int i = 0; i < MaxBracketSteps && Math.Sign(fb) == Math.Sign(fa); i++)
        {
            b = fa < 0 ? a + width : Math.Max(lowerBound, a - width);
            fb = f(b);
            if (Math.Sign(fb) == Math.Sign(fa)) { a = b; fa = fb; }
            if (b == lowerBound && fb > 0) return lowerBound;
            width *= 2;
        }
        if (Math.Sign(fb) == Math.Sign(fa)) return double.NaN;
        if (a > b) { (a, b) = (b, a); (fa, fb) = (fb, fa); }
        int side = 0;
        double previous = double.NaN;
        for (int i = 0; i < MaxBracketSteps; i++)
        {
            double c = (a * fb - b * fa) / (fb - fa);
            if (!(c > a && c < b)) c = 0.5 * (a + b);
            double fc = f(c);
            double tolerance = relativeTolerance * Math.Abs(c) + AbsoluteFloor;
            if (fc == 0 || b - a < tolerance || Math.Abs(c - previous) < tolerance) return c;
            previous = c;
            if (Math.Sign(fc) == Math.Sign(fa))
            {
                a = c; fa = fc;
                if (side == -1) fb *= 0.5;
                side = -1;
            }
            else
            {
                b = c; fb = fc;
                if (side == 1) fa *= 0.5;
                side = 1;
            }
        }
        return 0.5 * (a + b);
    }
}
