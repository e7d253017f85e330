namespace MixedEffects.Reporting;

/// <summary>Sample quantiles by R's default definition (<c>quantile(x, type = 7)</c>).</summary>
internal static class Quantiles
{
    /// <summary>The quantile at probability <paramref name="p"/>: linear interpolation at position 1 + (n - 1) p of the sorted values.</summary>
    public static double Type7(IReadOnlyList<double> sorted, double p)
    {
        int n = sorted.Count;
        if (n == 0) return double.NaN;
        double h = (n - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Minimum, quartiles and maximum of the non-missing values.</summary>
    public static double[] FiveNumber(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        return new[] { 0, 0.25, 0.5, 0.75, 1 }.Select(p => Type7(sorted, p)).ToArray();
    }
}
