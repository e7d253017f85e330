using MixedEffects.Models;
using MixedEffects.Tests.Models;
using MixedEffects.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// The analytic gradient of the profiled REML and ML criteria against central finite differences of the criterion
/// computed by the blocked factor (an independent computation), at lme4's estimates moved off the optimum
/// (tests/reference/lmm.json, R 4.2.2, lme4 1.1-31) and at a point with a variance parameter on its bound.
/// </summary>
public class ProfiledDevianceGradientTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("sleepstudy_slopes_reml")]
    [InlineData("sleepstudy_slopes_ml")]
    [InlineData("penicillin_reml")]
    [InlineData("penicillin_ml")]
    [InlineData("pastes_nested_reml")]
    [InlineData("fhch2010_slopes_reml")]
    [InlineData("cbpp_weighted_reml")]
    [InlineData("cbpp_weighted_ml")]
    [InlineData("sleepstudy_rankdef_reml")]
    public void MatchesFiniteDifferencesOffTheOptimum(string id)
    {
        var theta = LmmCases.Reference(id).GetProperty("theta").Numbers().Select((v, i) => v * 1.2 + 0.05 * (i + 1)).ToArray();
        Check(id, theta);
    }

    [Theory]
    [InlineData("sleepstudy_slopes_reml")]
    [InlineData("sleepstudy_slopes_ml")]
    [InlineData("pastes_nested_reml")]
    public void MatchesFiniteDifferencesOnABound(string id)
    {
        var theta = LmmCases.Reference(id).GetProperty("theta").Numbers().Select(v => v * 0.9 + 0.1).ToArray();
        theta[0] = 0;
        Check(id, theta);
    }

    private void Check(string id, double[] theta)
    {
        var options = LmmCases.OptionsOf(id);
        var design = LmmCases.Design(id);
        var deviance = new ProfiledDeviance(design.CrossProducts, options.Method);
        var analytic = ProfiledDevianceGradient.ForDesign(design, options.Method);
        var gradient = new double[theta.Length];
        double value = analytic.Evaluate(theta, gradient);
        double reference = deviance.Evaluate(theta);
        Assert.True(Math.Abs(value - reference) <= 1e-10 * Math.Abs(reference), $"criterion {value:R} vs {reference:R}");
        var numeric = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            double h = 1e-4 * Math.Max(1, Math.Abs(theta[i]));
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fp = deviance.Evaluate(plus), fm = deviance.Evaluate(minus);
            // Fourth-order central difference (Richardson) so the truncation error stays well below 1e-5.
            var plus2 = (double[])theta.Clone();
            var minus2 = (double[])theta.Clone();
            plus2[i] += 2 * h;
            minus2[i] -= 2 * h;
            double fp2 = deviance.Evaluate(plus2), fm2 = deviance.Evaluate(minus2);
            numeric[i] = (8 * (fp - fm) - (fp2 - fm2)) / (12 * h);
        }
        double scale = Math.Max(1, numeric.Max(Math.Abs));
        output.WriteLine($"{id}: analytic [{string.Join(", ", gradient.Select(v => v.ToString("G10")))}]");
        output.WriteLine($"{id}: numeric  [{string.Join(", ", numeric.Select(v => v.ToString("G10")))}]");
        for (int i = 0; i < theta.Length; i++)
            Assert.True(Math.Abs(gradient[i] - numeric[i]) <= 1e-5 * scale,
                $"component {i}: analytic {gradient[i]:R}, finite difference {numeric[i]:R}");
    }
}
