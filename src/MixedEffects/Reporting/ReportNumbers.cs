namespace MixedEffects.Reporting;

/// <summary>Numbers for the inference reports: NaN and infinities become null (JSON has no such numbers).</summary>
internal static class ReportNumbers
{
    public static double? Finite(double x) => double.IsFinite(x) ? x : null;

    public static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;
}
