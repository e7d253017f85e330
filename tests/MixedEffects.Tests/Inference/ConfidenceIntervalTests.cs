using System.Diagnostics;
using MixedEffects.Inference;
using MixedEffects.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Inference;

/// <summary>lme4's <c>confint(m, method = "Wald" / "profile", oldNames = FALSE)</c> from inference.json.</summary>
public class ConfidenceIntervalTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(InferenceGolden.ModelIds), MemberType = typeof(InferenceGolden))]
    public void WaldMatchesLme4(string id)
    {
        var expected = InferenceGolden.Model(id).GetProperty("confint_wald").EnumerateArray().ToArray();
        var rows = ConfidenceIntervals.Wald(InferenceGolden.Fit(id));
        Assert.Equal(expected.Select(e => e.GetProperty("parm").GetString()), rows.Select(r => r.Parameter));
        for (int i = 0; i < rows.Count; i++)
        {
            double lo = InferenceGolden.Num(expected[i], "lower"), hi = InferenceGolden.Num(expected[i], "upper");
            // our optimum differs from lme4's in about the 7th digit; the interval inherits that
            double scale = double.IsNaN(lo) ? 0 : 1e-5 * Math.Max(hi - lo, Math.Max(Math.Abs(lo), Math.Abs(hi)));
            if (double.IsNaN(lo)) { Assert.True(double.IsNaN(rows[i].Lower) && double.IsNaN(rows[i].Upper)); continue; }
            Within(lo, rows[i].Lower, scale, $"{id} {rows[i].Parameter} lower");
            Within(hi, rows[i].Upper, scale, $"{id} {rows[i].Parameter} upper");
        }
    }

    [Theory]
    [MemberData(nameof(InferenceGolden.ModelIds), MemberType = typeof(InferenceGolden))]
    public void ProfileMatchesLme4(string id)
    {
        var expected = InferenceGolden.Model(id).GetProperty("confint_profile").EnumerateArray().ToArray();
        var fit = InferenceGolden.Fit(id);
        var watch = Stopwatch.StartNew();
        var rows = ConfidenceIntervals.Profile(fit);
        output.WriteLine($"{id}: profile intervals in {watch.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(expected.Select(e => e.GetProperty("parm").GetString()), rows.Select(r => r.Parameter));
        double worst = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            double lo = InferenceGolden.Num(expected[i], "lower"), hi = InferenceGolden.Num(expected[i], "upper");
            // lme4 interpolates a spline through the profile grid (accurate to about 1e-4..1e-3 of the interval width);
            // we solve for the crossing, so compare relative to the interval's width and location
            double scale = Math.Max(hi - lo, 1e-3 * Math.Max(Math.Abs(lo), Math.Abs(hi)));
            worst = Math.Max(worst, Math.Max(Math.Abs(rows[i].Lower - lo), Math.Abs(rows[i].Upper - hi)) / scale);
            output.WriteLine($"{rows[i].Parameter}: [{rows[i].Lower:G9}, {rows[i].Upper:G9}] lme4 [{lo:G9}, {hi:G9}]");
            Within(lo, rows[i].Lower, 1e-3 * scale, $"{id} {rows[i].Parameter} lower");
            Within(hi, rows[i].Upper, 1e-3 * scale, $"{id} {rows[i].Parameter} upper");
        }
        output.WriteLine($"largest difference / interval width: {worst:E2}");
    }

    [Fact]
    public void BootstrapIsDeterministicAndIndependentOfThreads()
    {
        var fit = InferenceGolden.Fit("sleepstudy_slopes");
        var progress = new List<int>();
        var reporter = new SynchronousProgress(progress);
        var a = ConfidenceIntervals.Bootstrap(fit, new BootstrapOptions { Replicates = 40, Seed = 7, Progress = reporter });
        var b = ConfidenceIntervals.Bootstrap(fit, new BootstrapOptions { Replicates = 40, Seed = 7, MaxDegreeOfParallelism = 1 });
        var c = ConfidenceIntervals.Bootstrap(fit, new BootstrapOptions { Replicates = 40, Seed = 8 });
        Assert.Equal(a.Select(r => (r.Lower, r.Upper)), b.Select(r => (r.Lower, r.Upper)));
        Assert.NotEqual(a.Select(r => r.Lower), c.Select(r => r.Lower));
        Assert.Equal(Enumerable.Range(1, 40), progress.OrderBy(x => x));
        Assert.All(a, r => Assert.Equal(ConfidenceIntervalMethod.Bootstrap, r.Method));
    }

    [Fact]
    public void BootstrapIntervalsAgreeWithProfileIntervals()
    {
        // An independent check, not R's random numbers: for sleepstudy (Days | Subject), 500 parametric bootstrap
        // replicates give percentile bounds near the profile bounds (within a quarter of the interval width).
        var fit = InferenceGolden.Fit("sleepstudy_slopes");
        var profile = ConfidenceIntervals.Profile(fit);
        var watch = Stopwatch.StartNew();
        var boot = ConfidenceIntervals.Bootstrap(fit, new BootstrapOptions { Replicates = 500, Seed = 2024 });
        output.WriteLine($"500 bootstrap refits in {watch.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(profile.Select(p => p.Parameter), boot.Select(p => p.Parameter));
        for (int i = 0; i < boot.Count; i++)
        {
            output.WriteLine($"{boot[i].Parameter}: boot [{boot[i].Lower:G6}, {boot[i].Upper:G6}] profile [{profile[i].Lower:G6}, {profile[i].Upper:G6}]");
            double width = profile[i].Upper - profile[i].Lower;
            Within(profile[i].Lower, boot[i].Lower, 0.25 * width, $"{boot[i].Parameter} lower");
            Within(profile[i].Upper, boot[i].Upper, 0.25 * width, $"{boot[i].Parameter} upper");
        }
    }

    private static void Within(double expected, double actual, double absolute, string what) =>
        Assert.True(Math.Abs(expected - actual) <= absolute, $"{what}: expected {expected:R}, actual {actual:R} (tolerance {absolute:G3})");
}
