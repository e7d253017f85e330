using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Inference;

/// <summary>Ordinary least squares against R's <c>lm</c> and per-group fits against lme4's <c>lmList</c> (inference.json "ols", "lmlist").</summary>
public class LeastSquaresTests
{
    public static IEnumerable<object[]> OlsIds() =>
        InferenceGolden.Root.GetProperty("ols").EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    [Theory]
    [MemberData(nameof(OlsIds))]
    public void MatchesLm(string id)
    {
        var c = InferenceGolden.Root.GetProperty("ols").EnumerateArray().Single(x => x.GetProperty("id").GetString() == id);
        var fit = OrdinaryLeastSquares.Fit(c.GetProperty("formula").GetString()!, Datasets.Load(c.GetProperty("dataset").GetString()!));
        Assert.Equal(c.GetProperty("nobs").GetInt32(), fit.ObservationCount);
        Assert.Equal(c.GetProperty("df_resid").GetInt32(), fit.ResidualDegreesOfFreedom);
        var coefs = c.GetProperty("coefficients").EnumerateArray().ToArray();
        Assert.Equal(coefs.Select(x => x.GetProperty("term").GetString()), fit.Coefficients.Select(x => x.Term));
        for (int j = 0; j < coefs.Length; j++)
        {
            var e = coefs[j];
            var a = fit.Coefficients[j];
            double scale = coefs.Max(x => Math.Abs(InferenceGolden.Num(x, "estimate")));
            Tolerance.Close(InferenceGolden.Num(e, "estimate"), a.Estimate, 1e-9, floor: scale * 1e-6, what: $"{id} estimate {a.Term}");
            Tolerance.Close(InferenceGolden.Num(e, "se"), a.StandardError, 1e-9, what: $"{id} se {a.Term}");
            Tolerance.Close(InferenceGolden.Num(e, "t"), a.Statistic, 1e-8, floor: 1e-6, what: $"{id} t {a.Term}");
            Tolerance.Close(InferenceGolden.Num(e, "p"), a.P, 1e-6, floor: 1e-300, what: $"{id} p {a.Term}");
        }
        Tolerance.Close(InferenceGolden.Num(c, "sigma"), fit.Sigma, 1e-10, what: "sigma");
        Tolerance.Close(InferenceGolden.Num(c, "r_squared"), fit.RSquared, 1e-9, what: "r squared");
        Tolerance.Close(InferenceGolden.Num(c, "adj_r_squared"), fit.AdjustedRSquared, 1e-9, what: "adjusted r squared");
        var f = c.GetProperty("fstatistic").Numbers();
        Tolerance.Close(f[0], fit.FStatistic, 1e-9, what: "F");
        Assert.Equal(f[1], fit.FNumeratorDf);
        Assert.Equal(f[2], fit.FDenominatorDf);
        Tolerance.Close(InferenceGolden.Num(c, "logLik"), fit.LogLikelihood, 1e-10, what: "logLik");
        Tolerance.Close(InferenceGolden.Num(c, "AIC"), fit.Aic, 1e-10, what: "AIC");
        Tolerance.Close(InferenceGolden.Num(c, "BIC"), fit.Bic, 1e-10, what: "BIC");
    }

    [Fact]
    public void RandomEffectsTermsAreRejected()
    {
        var e = Assert.ThrowsAny<MixedEffectsException>(() =>
            OrdinaryLeastSquares.Fit("Reaction ~ Days + (1 | Subject)", Datasets.Load("sleepstudy")));
        Assert.Contains("| Subject", e.Message);
    }

    [Fact]
    public void PerGroupFitsMatchLmList()
    {
        var c = InferenceGolden.Root.GetProperty("lmlist");
        Assert.Equal("Reaction ~ Days | Subject", c.GetProperty("formula").GetString());
        var fit = PerGroupLeastSquares.Fit("Reaction ~ Days", Datasets.Load("sleepstudy"), "Subject");
        Assert.Equal(c.GetProperty("columns").Strings(), fit.Columns.ToArray());
        Assert.Equal(c.GetProperty("levels").Strings(), fit.Levels.ToArray());
        var values = c.GetProperty("values").EnumerateArray().Select(r => r.Numbers()).ToArray();
        var actual = fit.Coefficients;
        for (int i = 0; i < values.Length; i++)
            for (int j = 0; j < values[i].Length; j++)
                Tolerance.Close(values[i][j], actual[i, j], 1e-9, floor: 1e-3, what: $"{fit.Levels[i]} {fit.Columns[j]}");
    }
}
