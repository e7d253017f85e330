using Xunit.Sdk;

namespace MixedEffects.Tests.Reference;

/// <summary>Relative comparisons against reference numbers, with an absolute floor for values near zero.</summary>
public static class Tolerance
{
    /// <summary>
    /// Asserts |actual - expected| &lt;= relative * max(|expected|, floor). <paramref name="floor"/> sets the scale
    /// below which the comparison becomes absolute (e.g. the largest value of the same quantity).
    /// </summary>
    public static void Close(double expected, double actual, double relative, double floor = 0, string what = "")
    {
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (double.IsInfinity(expected) && expected == actual) return;
        double scale = Math.Max(Math.Abs(expected), floor);
        double diff = Math.Abs(actual - expected);
        if (!(diff <= relative * scale))
            throw new XunitException($"{what}: expected {expected:R}, actual {actual:R}, relative difference {diff / Math.Max(Math.Abs(expected), 1e-300):E3} (tolerance {relative:E1}, floor {floor:G3})");
    }

    /// <summary>Element-wise <see cref="Close"/> with the floor set to <paramref name="floorFraction"/> times the largest |expected|.</summary>
    public static void AllClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, double floorFraction = 1e-3, string what = "")
    {
        if (expected.Count != actual.Count)
            throw new XunitException($"{what}: expected {expected.Count} values, got {actual.Count}");
        double max = expected.Where(v => !double.IsNaN(v)).Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int i = 0; i < expected.Count; i++) Close(expected[i], actual[i], relative, floorFraction * max, $"{what}[{i}]");
    }
}
