using Xunit;
using MixedEffects.Inference;
using static MixedEffects.Tests.Inference.InferenceReference;

namespace MixedEffects.Tests.Inference;

/// <summary>Kenward-Roger coefficient tests and adjusted covariance against lmerTest/pbkrtest (tests/reference/inference.json).</summary>
public class KenwardRogerTests
{
    [Theory]
    [MemberData(nameof(InferenceReference.KenwardRogerModelIds), MemberType = typeof(InferenceReference))]
    public void CoefficientTestsMatchLmerTest(string id)
    {
        var fit = Fit(id);
        var rows = FixedEffectTests.Compute(fit, KenwardRoger.For(fit));
        var expected = Model(id).GetProperty("kenward_roger").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            Assert.Equal(e.GetProperty("term").GetString(), rows[i].Term);
            AssertRelative(Number(e.GetProperty("se")), rows[i].StdError, 1e-5, $"{id} {rows[i].Term} se");
            AssertRelative(Number(e.GetProperty("df")), rows[i].Df, 1e-4, $"{id} {rows[i].Term} df");
            AssertRelative(Number(e.GetProperty("t")), rows[i].TValue, 1e-5, $"{id} {rows[i].Term} t");
            AssertRelative(Number(e.GetProperty("p")), rows[i].P, 1e-4, $"{id} {rows[i].Term} p");
        }
    }

    [Theory]
    [MemberData(nameof(InferenceReference.KenwardRogerModelIds), MemberType = typeof(InferenceReference))]
    public void AdjustedCovarianceMatchesVcovAdj(string id)
    {
        var fit = Fit(id);
        var actual = KenwardRoger.For(fit).Covariance;
        var expected = Model(id).GetProperty("vcov_kr").EnumerateArray().Select(r => r.EnumerateArray().Select(Number).ToArray()).ToArray();
        double scale = Enumerable.Range(0, expected.Length).Max(i => Math.Abs(expected[i][i]));
        for (int i = 0; i < expected.Length; i++)
            for (int j = 0; j < expected.Length; j++)
                Assert.True(Math.Abs(actual[i, j] - expected[i][j]) <= 1e-5 * scale,
                    $"{id} vcovAdj[{i},{j}]: expected {expected[i][j]:R}, got {actual[i, j]:R}");
    }
}
