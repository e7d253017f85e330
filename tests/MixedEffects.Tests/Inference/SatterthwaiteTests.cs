using Xunit;
using MixedEffects.Inference;
using static MixedEffects.Tests.Inference.InferenceReference;

namespace MixedEffects.Tests.Inference;

/// <summary>Satterthwaite t tests of the coefficients against lmerTest's summary (tests/reference/inference.json).</summary>
public class SatterthwaiteTests
{
    [Theory]
    [MemberData(nameof(InferenceReference.ModelIds), MemberType = typeof(InferenceReference))]
    public void CoefficientTestsMatchLmerTest(string id)
    {
        var fit = Fit(id);
        var rows = FixedEffectTests.Compute(fit, Satterthwaite.For(fit));
        var expected = Model(id).GetProperty("satterthwaite").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            Assert.Equal(e.GetProperty("term").GetString(), rows[i].Term);
            AssertRelative(Number(e.GetProperty("estimate")), rows[i].Estimate, 1e-5, $"{id} {rows[i].Term} estimate");
            AssertRelative(Number(e.GetProperty("se")), rows[i].StdError, 1e-5, $"{id} {rows[i].Term} se");
            AssertRelative(Number(e.GetProperty("df")), rows[i].Df, 1e-4, $"{id} {rows[i].Term} df");
            AssertRelative(Number(e.GetProperty("t")), rows[i].TValue, 1e-5, $"{id} {rows[i].Term} t");
            AssertRelative(Number(e.GetProperty("p")), rows[i].P, 1e-4, $"{id} {rows[i].Term} p");
        }
    }
}
