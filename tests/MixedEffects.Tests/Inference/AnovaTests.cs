using Xunit;
using MixedEffects.Inference;
using static MixedEffects.Tests.Inference.InferenceReference;

namespace MixedEffects.Tests.Inference;

/// <summary>ANOVA tables of types I, II, III against lmerTest's anova(m, type, ddf) (tests/reference/inference.json).</summary>
public class AnovaTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var id in ModelIds().Select(o => (string)o[0]))
            foreach (var type in new[] { "I", "II", "III" })
            {
                yield return new object[] { id, type, "satterthwaite" };
                if (Model(id).GetProperty("kenward_roger_computed").GetBoolean()) yield return new object[] { id, type, "kenward_roger" };
            }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TableMatchesLmerTest(string id, string type, string method)
    {
        var fit = Fit(id);
        var anovaType = type switch { "I" => AnovaType.I, "II" => AnovaType.II, _ => AnovaType.III };
        var ddf = method == "satterthwaite" ? DdfMethod.Satterthwaite : DdfMethod.KenwardRoger;
        var table = Anova.Compute(fit, anovaType, ddf);
        var expected = Model(id).GetProperty("anova").GetProperty(method).GetProperty(type).EnumerateArray().ToArray();
        Assert.Equal(expected.Length, table.Rows.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            var e = expected[i];
            var r = table.Rows[i];
            string what = $"{id} {method} type {type} {r.Term}";
            Assert.Equal(e.GetProperty("term").GetString(), r.Term);
            Assert.Equal(Number(e.GetProperty("numdf")), r.NumDf);
            AssertRelative(Number(e.GetProperty("sumsq")), r.SumSq, 1e-5, what + " SumSq");
            AssertRelative(Number(e.GetProperty("meansq")), r.MeanSq, 1e-5, what + " MeanSq");
            AssertRelative(Number(e.GetProperty("dendf")), r.DenDf, 1e-4, what + " DenDf");
            AssertRelative(Number(e.GetProperty("F")), r.F, 1e-5, what + " F");
            AssertRelative(Number(e.GetProperty("p")), r.P, 1e-4, what + " p");
        }
    }
}
