using MixedEffects.LinearAlgebra;
using MixedEffects.Models;
using MixedEffects.Tests.Models;
using MixedEffects.Tests.Reference;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The sparse analytic gradient of the profiled REML and ML criteria (selected inversion on the blocked factor)
/// against fourth-order central differences of the criterion, on random nested, crossed, partially crossed,
/// vector-valued and weighted designs and on reference datasets (lme4's estimates from tests/reference/lmm.json,
/// moved off the optimum, and a point with a variance parameter on its bound). With step h = 1e-4 max(1, |theta|)
/// the difference's truncation error is of order h^4 and its rounding error about 1e-16 |f| / h, below 1e-8 for
/// criteria of a few thousand, so 1e-6 of the gradient's scale is a meaningful tolerance; against the dense
/// gradient of order q + p (another computation of the same quantity) the agreement must be 1e-8.
/// </summary>
public class ProfiledCriterionGradientTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> Designs()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in new[] { "nested", "nested-vector", "crossed", "crossed-vector", "partially-crossed", "nested-and-crossed", "same-factor", "nested-weighted", "crossed-weighted", "panel" })
        {
            data.Add(name, true);
            data.Add(name, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void MatchesFiniteDifferencesOnRandomDesigns(string name, bool reml)
    {
        var d = RandomDesign.Create(name);
        var method = reml ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood;
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        var dense = new DenseProfiledGradient(d.Terms, d.X, d.Y, d.Weights, method);
        foreach (var theta in d.Thetas)
        {
            var denseGradient = new double[theta.Length];
            dense.Evaluate(theta, denseGradient);
            Check($"{name} {method}", new ProfiledDeviance(a, method), theta, denseGradient);
        }
    }

    [Theory]
    [InlineData("panel", true)]
    [InlineData("panel", false)]
    [InlineData("nested-and-crossed", true)]
    [InlineData("crossed-vector", false)]
    public void GradientAfterGradientEqualsAFreshOne(string name, bool reml)
    {
        // the factor keeps the gradient's work storage across evaluations: a gradient after others at other theta
        // must equal the one of a factor that never computed one
        var d = RandomDesign.Create(name);
        var method = reml ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood;
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        var reused = new ProfiledDeviance(a, method);
        var scratch = new double[d.Thetas[0].Length];
        reused.Evaluate(d.Thetas[1], scratch);
        reused.Evaluate(d.Thetas[1].Select(v => v * 0.7).ToArray(), scratch);
        var again = new double[scratch.Length];
        reused.Evaluate(d.Thetas[0], again);
        var fresh = new double[scratch.Length];
        new ProfiledDeviance(a, method).Evaluate(d.Thetas[0], fresh);
        Assert.Equal(fresh, again);
    }

    [Theory]
    [InlineData("sleepstudy_slopes_reml")]
    [InlineData("sleepstudy_slopes_ml")]
    [InlineData("penicillin_reml")]
    [InlineData("penicillin_ml")]
    [InlineData("pastes_nested_reml")]
    [InlineData("fhch2010_slopes_reml")]
    [InlineData("cbpp_weighted_ml")]
    [InlineData("sleepstudy_rankdef_reml")]
    public void MatchesFiniteDifferencesOnReferenceData(string id)
    {
        var design = LmmCases.Design(id);
        var method = LmmCases.OptionsOf(id).Method;
        var reference = LmmCases.Reference(id).GetProperty("theta").Numbers();
        var off = reference.Select((v, i) => v * 1.2 + 0.05 * (i + 1)).ToArray();
        Check(id, new ProfiledDeviance(design.CrossProducts, method), off, null);
        var bound = reference.Select(v => v * 0.9 + 0.1).ToArray();
        bound[0] = 0;
        Check(id + " bound", new ProfiledDeviance(design.CrossProducts, method), bound, null);
    }

    private void Check(string label, ProfiledDeviance deviance, double[] theta, double[]? denseGradient)
    {
        var gradient = new double[theta.Length];
        double value = deviance.Evaluate(theta, gradient);
        Assert.True(double.IsFinite(value));
        var numeric = new double[theta.Length];
        for (int i = 0; i < theta.Length; i++)
        {
            double h = 1e-4 * Math.Max(1, Math.Abs(theta[i]));
            double At(double step)
            {
                var point = (double[])theta.Clone();
                point[i] += step;
                return deviance.Evaluate(point);
            }
            numeric[i] = (8 * (At(h) - At(-h)) - (At(2 * h) - At(-2 * h))) / (12 * h);
        }
        double scale = Math.Max(1, numeric.Max(Math.Abs));
        output.WriteLine($"{label}: analytic [{string.Join(", ", gradient.Select(v => v.ToString("G10")))}]");
        output.WriteLine($"{label}: numeric  [{string.Join(", ", numeric.Select(v => v.ToString("G10")))}]");
        for (int i = 0; i < theta.Length; i++)
        {
            Assert.True(Math.Abs(gradient[i] - numeric[i]) <= 1e-6 * scale,
                $"{label} component {i}: analytic {gradient[i]:R}, finite difference {numeric[i]:R}");
            if (denseGradient is not null)
                Assert.True(Math.Abs(gradient[i] - denseGradient[i]) <= 1e-8 * scale,
                    $"{label} component {i}: sparse {gradient[i]:R}, dense {denseGradient[i]:R}");
        }
    }
}
