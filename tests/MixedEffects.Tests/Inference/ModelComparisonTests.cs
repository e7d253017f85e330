using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Inference;

/// <summary>Likelihood-ratio comparisons against lme4's <c>anova(m0, m1, refit = ...)</c> in inference.json ("lrt").</summary>
public class ModelComparisonTests
{
    public static IEnumerable<object[]> CaseIds() =>
        InferenceGolden.Root.GetProperty("lrt").EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    private static System.Text.Json.JsonElement Case(string id) =>
        InferenceGolden.Root.GetProperty("lrt").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void MatchesLme4Anova(string id)
    {
        var c = Case(id);
        var method = c.GetProperty("REML").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood;
        string dataset = c.GetProperty("dataset").GetString()!;
        var m0 = InferenceGolden.Fit(c.GetProperty("m0").GetString()!, dataset, method);
        var m1 = InferenceGolden.Fit(c.GetProperty("m1").GetString()!, dataset, method);
        // given in reverse order: rows are ordered by number of parameters, as lme4 does
        var result = ModelComparison.Compare([m1, m0], c.GetProperty("refit_argument").GetBoolean());

        Assert.Equal(c.GetProperty("refitted").GetBoolean(), result.Refitted);
        Assert.Equal(c.GetProperty("messages").Strings(), result.Messages.ToArray());
        var rows = c.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, result.Rows.Count);
        Assert.Equal(new[] { "m1", "m0" }, result.Rows.Select(r => r.Model).ToArray());
        for (int i = 0; i < rows.Length; i++)
        {
            var e = rows[i];
            var a = result.Rows[i];
            Assert.Equal(e.GetProperty("npar").GetInt32(), a.Npar);
            Tolerance.Close(InferenceGolden.Num(e, "logLik"), a.LogLik, 1e-6, what: $"{id} logLik[{i}]");
            Tolerance.Close(InferenceGolden.Num(e, "deviance"), a.Deviance, 1e-6, what: $"{id} deviance[{i}]");
            Tolerance.Close(InferenceGolden.Num(e, "AIC"), a.Aic, 1e-6, what: $"{id} AIC[{i}]");
            Tolerance.Close(InferenceGolden.Num(e, "BIC"), a.Bic, 1e-6, what: $"{id} BIC[{i}]");
            if (i == 0)
            {
                Assert.Null(a.ChiSquare);
                continue;
            }
            Tolerance.Close(InferenceGolden.Num(e, "Chisq"), a.ChiSquare!.Value, 1e-6, what: $"{id} Chisq");
            Assert.Equal(e.GetProperty("Df").GetInt32(), a.Df);
            Tolerance.Close(InferenceGolden.Num(e, "p"), a.P!.Value, 1e-4, what: $"{id} p");
        }
    }

    [Fact]
    public void ComparesWithNullFormulaAsLme4()
    {
        // lme4: anova(lmer(Reaction ~ 1 + (1 | Subject), REML = FALSE), lmer(Reaction ~ Days + (1 | Subject), REML = FALSE))
        var c = Case("sleepstudy_days_ml");
        var fit = InferenceGolden.Fit("Reaction ~ Days + (1 | Subject)", "sleepstudy", EstimationMethod.Reml);
        var result = ModelComparison.Compare(fit, "Reaction ~ 1 + (1 | Subject)");
        Assert.True(result.Refitted);
        var expected = c.GetProperty("rows")[1];
        Tolerance.Close(InferenceGolden.Num(expected, "Chisq"), result.ChiSquare, 1e-6, what: "Chisq");
        Tolerance.Close(InferenceGolden.Num(expected, "p"), result.P, 1e-4, what: "p");
        Tolerance.Close(InferenceGolden.Num(c.GetProperty("rows")[0], "logLik"), result.Rows[0].LogLik, 1e-6, what: "logLik0");
    }

    [Fact]
    public void NullFormulaWithoutRandomTermsUsesLeastSquares()
    {
        // lm(Reaction ~ Days) has logLik -950.146528178182 (inference.json, ols "sleepstudy"); the ML mixed fit -897.039321502613 (lrt rows)
        var fit = InferenceGolden.Fit("Reaction ~ Days + (1 | Subject)", "sleepstudy", EstimationMethod.MaximumLikelihood);
        var result = ModelComparison.Compare(fit, "Reaction ~ Days");
        var ols = InferenceGolden.Root.GetProperty("ols")[0];
        Tolerance.Close(InferenceGolden.Num(ols, "logLik"), result.Rows[0].LogLik, 1e-9, what: "lm logLik");
        Assert.Equal(3, result.Rows[0].Npar);
        Assert.Equal(1, result.Df);
        Assert.False(result.Refitted);
    }

    [Fact]
    public void DifferentNumbersOfObservationsAreAnError()
    {
        var data = Datasets.Load("sleepstudy");
        var m0 = LinearMixedModel.Fit("Reaction ~ Days + (1 | Subject)", data.SelectRows(Enumerable.Range(0, 100).ToArray()));
        var m1 = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", data);
        var e = Assert.ThrowsAny<MixedEffectsException>(() => ModelComparison.Compare(m0, m1));
        Assert.Contains("same size of dataset (100, 180 observations)", e.Message);
    }
}
