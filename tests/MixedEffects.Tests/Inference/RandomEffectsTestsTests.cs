using MixedEffects.Inference;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Inference;

/// <summary>lmerTest's <c>ranova(m)</c> rows from inference.json.</summary>
public class RandomEffectsTestsTests
{
    [Theory]
    [MemberData(nameof(InferenceGolden.ModelIds), MemberType = typeof(InferenceGolden))]
    public void MatchesLmerTestRanova(string id)
    {
        var expected = InferenceGolden.Model(id).GetProperty("ranova").EnumerateArray().ToArray();
        var rows = RandomEffectsTests.Compute(InferenceGolden.Fit(id));
        Assert.Equal(expected.Select(e => e.GetProperty("term").GetString()), rows.Select(r => r.Term));
        for (int i = 0; i < rows.Count; i++)
        {
            var e = expected[i];
            var a = rows[i];
            Assert.Equal(e.GetProperty("npar").GetInt32(), a.Npar);
            Tolerance.Close(InferenceGolden.Num(e, "logLik"), a.LogLik, 1e-6, what: $"{id} logLik[{i}]");
            Tolerance.Close(InferenceGolden.Num(e, "AIC"), a.Aic, 1e-6, what: $"{id} AIC[{i}]");
            if (i == 0) { Assert.Null(a.Lrt); continue; }
            Tolerance.Close(InferenceGolden.Num(e, "LRT"), a.Lrt!.Value, 1e-4, what: $"{id} LRT[{i}]");
            Assert.Equal(e.GetProperty("Df").GetInt32(), a.Df);
            // R writes p = 0 where pchisq underflows; the floor makes that comparison absolute
            Tolerance.Close(InferenceGolden.Num(e, "p"), a.P!.Value, 1e-4, floor: 1e-300, what: $"{id} p[{i}]");
        }
    }
}
