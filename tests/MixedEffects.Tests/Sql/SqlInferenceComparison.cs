using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Sql;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// Checks that the inference of a fit from SQL aggregates is the in-memory fit's: Satterthwaite's df and t tests of
/// every coefficient, the F test of all coefficients but the intercept, the variance parameters' covariance;
/// Kenward-Roger's adjusted covariance, df and F test; and the likelihood-ratio test against a smaller model (REML fits
/// refitted by ML from their cross products).
/// </summary>
internal static class SqlInferenceComparison
{
    /// <summary>
    /// Tolerance for what rests on the Hessian of the deviance (Satterthwaite's df, the variance parameters' covariance,
    /// and the p values and intervals that use the df): it is taken by Richardson extrapolation of finite differences,
    /// which magnifies last-bit differences in the cross products (another summation order in the engine) about
    /// a hundredfold. Everything else is held to <see cref="SqlFitComparison.Tolerance"/>.
    /// </summary>
    public const double DerivativeTolerance = 1e-7;

    /// <summary>Models with fixed effects to test, and a smaller model for the likelihood-ratio test.</summary>
    public static TheoryData<string, string, string> Cases => new()
    {
        { "sleepstudy", "Reaction ~ Days + (Days | Subject)", "Reaction ~ 1 + (Days | Subject)" },
        { "cake", "angle ~ recipe * temp + (1 | replicate:recipe)", "angle ~ temp + (1 | replicate:recipe)" },
        { "dietox", "Weight ~ Time + Feed + (1 + Time | Pig)", "Weight ~ Feed + (1 + Time | Pig)" },
        { "cake", "angle ~ temp + (1 | replicate) + (1 | recipe)", "angle ~ 1 + (1 | replicate) + (1 | recipe)" },
    };

    /// <summary>Fits both models in memory and through <paramref name="source"/> and compares their inference.</summary>
    public static void AssertSame(string dataset, string formula, string smaller, Func<SqlSource> source)
    {
        var data = Datasets.Load(dataset);
        var expected = LinearMixedModel.Fit(formula, data);
        var actual = SqlLinearMixedModel.Fit(formula, source());
        AssertSameInference(expected, actual);
        AssertSameKenwardRoger(expected, actual);
        var expectedTest = ModelComparison.Compare(LinearMixedModel.Fit(smaller, data), expected);
        var actualTest = ModelComparison.Compare(SqlLinearMixedModel.Fit(smaller, source(), residualPass: false), actual);
        AssertSameComparison(expectedTest, actualTest);
    }

    /// <summary>
    /// For an engine whose sums may differ in the last bits (shards): the likelihood-ratio test, and the inference of
    /// the in-memory model evaluated at the engine's theta.
    /// </summary>
    public static void AssertSameAtTheta(string dataset, string formula, string smaller, Func<SqlSource> source)
    {
        var data = Datasets.Load(dataset);
        var actual = SqlLinearMixedModel.Fit(formula, source());
        var atTheta = LinearMixedModelObjective.Create(formula, data).FitAt(actual.Theta);
        AssertSameInference(atTheta, actual);
        AssertSameKenwardRoger(atTheta, actual);
        var expectedTest = ModelComparison.Compare(LinearMixedModel.Fit(smaller, data), LinearMixedModel.Fit(formula, data));
        var actualTest = ModelComparison.Compare(SqlLinearMixedModel.Fit(smaller, source(), residualPass: false), actual);
        AssertSameComparison(expectedTest, actualTest);
    }

    private static void AssertSameInference(LinearMixedModelFit expected, SqlLinearMixedModelFit actual)
    {
        var e = Satterthwaite.For(expected);
        var a = Satterthwaite.For(actual);
        var et = FixedEffectTests.Compute(expected, e);
        var at = FixedEffectTests.Compute(actual, a);
        Assert.Equal(et.Select(t => t.Term), at.Select(t => t.Term));
        for (int j = 0; j < et.Count; j++)
        {
            Close(et[j].Df, at[j].Df, tolerance: DerivativeTolerance);
            Close(et[j].TValue, at[j].TValue);
            Close(Math.Log(et[j].P), Math.Log(at[j].P), tolerance: DerivativeTolerance);
            Close(et[j].Lower, at[j].Lower, Math.Abs(et[j].StdError), DerivativeTolerance);
            Close(et[j].Upper, at[j].Upper, Math.Abs(et[j].StdError), DerivativeTolerance);
        }
        int p = expected.Beta.Length;
        var l = new double[p - 1, p];
        for (int j = 1; j < p; j++) l[j - 1, j] = 1;
        var (ef, enum_, eden) = e.FTest(l);
        var (af, anum, aden) = a.FTest(l);
        Close(ef, af);
        Close(enum_, anum);
        Close(eden, aden, tolerance: DerivativeTolerance);
        var ec = e.VarianceParameterCovariance;
        var ac = a.VarianceParameterCovariance;
        double scale = Enumerable.Range(0, ec.GetLength(0)).Max(i => Math.Abs(ec[i, i]));
        for (int i = 0; i < ec.GetLength(0); i++)
            for (int j = 0; j < ec.GetLength(1); j++) Close(ec[i, j], ac[i, j], scale, DerivativeTolerance);
    }

    private static void AssertSameKenwardRoger(LinearMixedModelFit expected, SqlLinearMixedModelFit actual)
    {
        var e = KenwardRoger.For(expected);
        var a = KenwardRoger.For(actual);
        var ec = e.Covariance;
        var ac = a.Covariance;
        int p = ec.GetLength(0);
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) Close(ec[i, j], ac[i, j], Math.Sqrt(Math.Abs(ec[i, i] * ec[j, j])));
        for (int j = 0; j < p; j++)
        {
            var c = new double[p];
            c[j] = 1;
            Close(e.DegreesOfFreedom(c), a.DegreesOfFreedom(c));
        }
        var l = new double[p - 1, p];
        for (int j = 1; j < p; j++) l[j - 1, j] = 1;
        var (ef, enumerator, eden) = e.FTest(l);
        var (af, anumerator, aden) = a.FTest(l);
        Close(ef, af);
        Close(enumerator, anumerator);
        Close(eden, aden);
    }

    private static void AssertSameComparison(ModelComparisonResult expected, ModelComparisonResult actual)
    {
        Assert.Equal(expected.Refitted, actual.Refitted);
        Assert.Equal(expected.Rows.Select(r => (r.Npar, r.Df)), actual.Rows.Select(r => (r.Npar, r.Df)));
        for (int i = 0; i < expected.Rows.Count; i++)
        {
            Close(expected.Rows[i].LogLik, actual.Rows[i].LogLik);
            Close(expected.Rows[i].Aic, actual.Rows[i].Aic);
            Close(expected.Rows[i].Bic, actual.Rows[i].Bic);
        }
        Close(expected.ChiSquare, actual.ChiSquare);
        Close(Math.Log(expected.P), Math.Log(actual.P));
    }

    private static void Close(double expected, double actual, double scale = 0, double tolerance = SqlFitComparison.Tolerance,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(expected))] string what = "")
    {
        double bound = tolerance * Math.Max(Math.Abs(expected), scale);
        Assert.True(Math.Abs(expected - actual) <= bound, $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):G3})");
    }
}
