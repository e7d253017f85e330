using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Sql;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// Checks that the estimated marginal means, their contrasts (with p-value adjustment) and the joint tests of a fit
/// from SQL aggregates are the in-memory model's at the same theta: emmeans' default df (Kenward-Roger) and
/// Satterthwaite's, equal and proportional weights, covariates at their means.
/// </summary>
internal static class SqlMeansComparison
{
    /// <summary>Models, the means asked for (specs, by-variable or empty) and the weighting.</summary>
    public static TheoryData<string, string, string, string, MarginalWeighting> Cases => new()
    {
        { "cake", "angle ~ recipe * factor(temperature) + (1 | replicate:recipe)", "recipe", "", MarginalWeighting.Equal },
        { "dietox", "Weight ~ Time * Evit + Cu + (1 | Pig)", "Evit", "Cu", MarginalWeighting.Equal },
        { "dietox", "Weight ~ Time + Evit * Cu + (1 | Pig)", "Evit", "", MarginalWeighting.Proportional },
    };

    /// <summary>Fits through <paramref name="source"/> and compares means, pairwise contrasts and joint tests.</summary>
    public static void AssertSame(string dataset, string formula, string specs, string by, MarginalWeighting weights, SqlSource source)
    {
        var actual = SqlLinearMixedModel.Fit(formula, source, residualPass: false);
        var expected = LinearMixedModelObjective.Create(formula, Datasets.Load(dataset)).FitAt(actual.Theta);
        string[] byVariables = by.Length == 0 ? [] : [by];
        foreach (var method in new DdfMethod?[] { null, DdfMethod.Satterthwaite })
        {
            var e = Emmeans.Compute(expected, specs, byVariables, weights,
                inference: method is { } m1 ? ContrastInference.For(expected, m1) : null);
            var a = Emmeans.Compute(actual, specs, byVariables, weights,
                inference: method is { } m2 ? ContrastInference.For(actual, m2) : null);
            double tolerance = method is null ? SqlFitComparison.Tolerance : SqlInferenceComparison.DerivativeTolerance;
            Assert.Equal(e.Rows.Count, a.Rows.Count);
            Assert.True(e.Rows.Count > 1);
            for (int i = 0; i < e.Rows.Count; i++)
            {
                Assert.Equal(e.Rows[i].Levels, a.Rows[i].Levels);
                Close(e.Rows[i].Estimate, a.Rows[i].Estimate, SqlFitComparison.Tolerance, "estimate");
                Close(e.Rows[i].StandardError, a.Rows[i].StandardError, SqlFitComparison.Tolerance, "SE");
                Close(e.Rows[i].DegreesOfFreedom, a.Rows[i].DegreesOfFreedom, tolerance, "df");
            }
            foreach (var adjust in new[] { AdjustmentMethod.Tukey, AdjustmentMethod.Holm })
            {
                var ec = e.Contrast("pairwise", adjust);
                var ac = a.Contrast("pairwise", adjust);
                Assert.Equal(ec.Rows.Select(r => r.Name), ac.Rows.Select(r => r.Name));
                for (int i = 0; i < ec.Rows.Count; i++)
                {
                    Close(ec.Rows[i].Estimate, ac.Rows[i].Estimate, SqlFitComparison.Tolerance, "contrast");
                    Close(ec.Rows[i].StandardError, ac.Rows[i].StandardError, SqlFitComparison.Tolerance, "contrast SE");
                    Close(ec.Rows[i].DegreesOfFreedom, ac.Rows[i].DegreesOfFreedom, tolerance, "contrast df");
                    Close(ec.Rows[i].PValue, ac.Rows[i].PValue, tolerance, $"contrast p ({adjust})");
                }
            }
        }
        var ej = Emmeans.JointTests(expected);
        var aj = Emmeans.JointTests(actual);
        Assert.Equal(ej.Select(t => (t.Term, t.NumeratorDf)), aj.Select(t => (t.Term, t.NumeratorDf)));
        for (int t = 0; t < ej.Count; t++)
        {
            Close(ej[t].F, aj[t].F, SqlFitComparison.Tolerance, $"joint test {ej[t].Term}: F");
            Close(ej[t].DenominatorDf, aj[t].DenominatorDf, SqlFitComparison.Tolerance, $"joint test {ej[t].Term}: df");
        }
    }

    /// <summary>Wald intervals of the fixed effects (NaN rows for the variance parameters) at the same theta.</summary>
    public static void AssertSameWaldIntervals(string dataset, string formula, SqlSource source)
    {
        var actual = SqlLinearMixedModel.Fit(formula, source, residualPass: false);
        var expected = LinearMixedModelObjective.Create(formula, Datasets.Load(dataset)).FitAt(actual.Theta);
        var e = ConfidenceIntervals.Wald(expected, 0.9);
        var a = ConfidenceIntervals.Wald(actual, 0.9);
        Assert.Equal(e.Select(r => r.Parameter), a.Select(r => r.Parameter));
        Assert.Contains(a, r => !double.IsNaN(r.Lower));
        for (int i = 0; i < e.Count; i++)
        {
            Assert.Equal(double.IsNaN(e[i].Lower), double.IsNaN(a[i].Lower));
            if (double.IsNaN(e[i].Lower)) continue;
            Close(e[i].Lower, a[i].Lower, SqlFitComparison.Tolerance, $"{e[i].Parameter}: lower");
            Close(e[i].Upper, a[i].Upper, SqlFitComparison.Tolerance, $"{e[i].Parameter}: upper");
        }
    }

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
