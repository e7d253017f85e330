namespace MixedEffects.Distributions;

/// <summary>
/// log(1 + x) and exp(x) - 1 without cancellation for small x (Goldberg's correction of the
/// rounding of 1 + x), and the Stirling remainder of log Gamma.
/// </summary>
internal static class AccurateMath
{
    /// <summary>log(1 + x), accurate for small |x|.</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsInfinity(u) || u <= 0) return Math.Log(u);
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(x) - 1, accurate for small |x|.</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) >= 0.5) return Math.Exp(x) - 1.0;
        double u = Math.Exp(x);
        if (u == 1.0) return x;
        double um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return um1 * x / Math.Log(u);
    }

    /// <summary>
    /// Stirling remainder delta(z) = log Gamma(z) - [(z - 1/2) log z - z + log(2 pi)/2] for z &gt;= 10,
    /// from the asymptotic series with Bernoulli-number coefficients (error below 1e-17 there).
    /// </summary>
    public static double StirlingRemainder(double z)
    {
        double r = 1.0 / z, r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360360 - r2 / 156.0))))));
    }
}
