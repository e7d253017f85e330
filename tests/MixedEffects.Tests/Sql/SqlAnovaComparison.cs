using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Sql;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// Checks that the ANOVA tables of a fit from SQL aggregates are the in-memory fit's: types I, II and III with
/// Satterthwaite's and (REML) Kenward-Roger's denominator df, under treatment and sum coding.
/// </summary>
internal static class SqlAnovaComparison
{
    /// <summary>Models with several fixed terms (factors, covariates, interactions) and their coding.</summary>
    public static TheoryData<string, string, ContrastCoding> Cases => new()
    {
        { "cake", "angle ~ recipe * temp + (1 | replicate:recipe)", ContrastCoding.Treatment },
        { "cake", "angle ~ recipe * temp + (1 | replicate:recipe)", ContrastCoding.Sum },
        { "dietox", "Weight ~ Time * Evit + Feed + (1 + Time | Pig)", ContrastCoding.Treatment },
        { "sleepstudy", "Reaction ~ Days + I(Days^2) + (Days | Subject)", ContrastCoding.Helmert },
    };

    /// <summary>
    /// Fits through <paramref name="source"/> and compares the six tables with the in-memory model's at the same theta
    /// (the optimizer may stop within its tolerance at another point when the sums differ in the last bits).
    /// </summary>
    public static void AssertSame(string dataset, string formula, ContrastCoding coding, SqlSource source)
    {
        var options = new LinearMixedModelOptions { Contrasts = coding };
        var actual = SqlLinearMixedModel.Fit(formula, source, options, residualPass: false);
        var expected = LinearMixedModelObjective.Create(formula, Datasets.Load(dataset), options).FitAt(actual.Theta);
        foreach (var method in new[] { DdfMethod.Satterthwaite, DdfMethod.KenwardRoger })
        {
            var e = ContrastInference.For(expected, method);
            var a = ContrastInference.For(actual, method);
            foreach (var type in new[] { AnovaType.I, AnovaType.II, AnovaType.III })
                AssertSameTable(Anova.Compute(expected, type, e), Anova.Compute(actual, type, a), $"type {type}, {method}");
        }
    }

    private static void AssertSameTable(AnovaTable expected, AnovaTable actual, string what)
    {
        Assert.Equal(expected.Rows.Select(r => r.Term), actual.Rows.Select(r => r.Term));
        Assert.True(expected.Rows.Count > 1, what);
        for (int t = 0; t < expected.Rows.Count; t++)
        {
            var e = expected.Rows[t];
            var a = actual.Rows[t];
            Assert.Equal(e.NumDf, a.NumDf);
            Close(e.SumSq, a.SumSq, SqlFitComparison.Tolerance, $"{what}, {e.Term}: SumSq");
            Close(e.F, a.F, SqlFitComparison.Tolerance, $"{what}, {e.Term}: F");
            Close(e.DenDf, a.DenDf, SqlInferenceComparison.DerivativeTolerance, $"{what}, {e.Term}: DenDF");
            Close(Math.Log(e.P), Math.Log(a.P), SqlInferenceComparison.DerivativeTolerance, $"{what}, {e.Term}: log p");
        }
    }

    private static void Close(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
