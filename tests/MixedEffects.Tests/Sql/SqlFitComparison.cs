using MixedEffects.Models;
using MixedEffects.Sql;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>Checks that a fit from SQL aggregates is the in-memory fit: same optimum, same evaluations, same estimates.</summary>
internal static class SqlFitComparison
{
    public const double Tolerance = 1e-8;

    /// <summary>Tolerance for theta when the sums differ in the last bits: the criterion is flat at the optimum.</summary>
    public const double ThetaTolerance = 1e-5;

    public static void AssertSame(LinearMixedModelFit expected, SqlLinearMixedModelFit actual) => AssertSame(expected, actual, true);

    /// <summary>
    /// For an engine whose sums add the rows in another order (shards), so the cross products differ from the in-memory
    /// ones in the last bits and the optimizer may take another path: the same optimum (criterion to 1e-8 relative, theta
    /// to <see cref="ThetaTolerance"/>, same warnings), and at the engine's theta, <paramref name="atTheta"/> (the in-memory
    /// model evaluated there) gives every other number to 1e-8.
    /// </summary>
    public static void AssertSameOptimum(LinearMixedModelFit expected, LinearMixedModelFit atTheta, SqlLinearMixedModelFit actual)
    {
        Close(expected.Criterion, actual.Criterion);
        Assert.Equal(expected.Warnings, actual.Warnings);
        var theta = actual.Theta;
        for (int i = 0; i < theta.Length; i++)
            Assert.True(Math.Abs(expected.Theta[i] - theta[i]) <= ThetaTolerance * Math.Max(1, Math.Abs(expected.Theta[i])),
                $"theta[{i}]: expected {expected.Theta[i]:R}, got {theta[i]:R}");
        AssertSame(atTheta, actual, false);
    }

    private static void AssertSame(LinearMixedModelFit expected, SqlLinearMixedModelFit actual, bool sameOptimizerRun)
    {
        Assert.Equal(expected.ObservationCount, actual.ObservationCount);
        Assert.Equal(expected.DroppedRowCount, actual.DroppedRowCount);
        Assert.Equal(expected.FixedEffectNames, actual.FixedEffectNames);
        Assert.Equal(expected.DroppedColumns, actual.DroppedColumns);
        if (sameOptimizerRun)
        {
            Assert.Equal(expected.Evaluations, actual.Evaluations);
            Assert.Equal(expected.Warnings, actual.Warnings);
        }
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
