using MixedEffects.Models;
using MixedEffects.Sql;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>Checks that a fit from SQL aggregates is the in-memory fit: same optimum, same evaluations, same estimates.</summary>
internal static class SqlFitComparison
{
    public const double Tolerance = 1e-8;

    public static void AssertSame(LinearMixedModelFit expected, SqlLinearMixedModelFit actual)
    {
        Assert.Equal(expected.ObservationCount, actual.ObservationCount);
        Assert.Equal(expected.DroppedRowCount, actual.DroppedRowCount);
        Assert.Equal(expected.FixedEffectNames, actual.FixedEffectNames);
        Assert.Equal(expected.DroppedColumns, actual.DroppedColumns);
        Assert.Equal(expected.Evaluations, actual.Evaluations);
        Assert.Equal(expected.Warnings, actual.Warnings);
        Close(expected.Criterion, actual.Criterion);
        Close(expected.Sigma, actual.Sigma);
        Close(expected.Theta, actual.Theta);
        Close(expected.Beta, actual.Beta);
        var ev = expected.FixedEffectsCovariance;
        var av = actual.FixedEffectsCovariance;
        for (int i = 0; i < ev.GetLength(0); i++)
            for (int j = 0; j < ev.GetLength(1); j++) Close(ev[i, j], av[i, j]);
        var scaled = expected.Residuals().Select(r => r / expected.Sigma);
        Close(MixedEffects.Reporting.Quantiles.FiveNumber(scaled), actual.ScaledResidualQuantiles!);
        Assert.Equal(expected.GroupNames, actual.GroupNames);
        Assert.Equal(expected.VarianceComponents.Select(v => (v.Group, v.Term1, v.Term2)),
            actual.VarianceComponents.Select(v => (v.Group, v.Term1, v.Term2)));
        Close(expected.VarianceComponents.Select(v => v.Vcov).ToArray(), actual.VarianceComponents.Select(v => v.Vcov).ToArray());
        var et = expected.RandomEffects();
        var at = actual.RandomEffects();
        Assert.Equal(et.Count, at.Count);
        for (int t = 0; t < et.Count; t++)
        {
            Assert.Equal(et[t].Group, at[t].Group);
            Assert.Equal(et[t].Columns, at[t].Columns);
            Assert.Equal(et[t].Levels, at[t].Levels);
            for (int g = 0; g < et[t].Levels.Count; g++)
                for (int c = 0; c < et[t].Columns.Count; c++)
                {
                    Close(et[t].Values[g, c], at[t].Values[g, c], scale: expected.Sigma);
                    Close(et[t].ConditionalSd![g, c], at[t].ConditionalSd![g, c], scale: expected.Sigma);
                }
        }
    }

    private static void Close(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i]);
    }

    /// <summary>Relative to the larger of |expected| and <paramref name="scale"/> (for values that may be near zero).</summary>
    private static void Close(double expected, double actual, double scale = 1)
    {
        double bound = Tolerance * Math.Max(Math.Abs(expected), scale);
        Assert.True(Math.Abs(expected - actual) <= bound, $"expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):G3})");
    }
}
