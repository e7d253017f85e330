using System.Text.Json;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Models.Glmm;

/// <summary>
/// Generalized linear mixed model fits against lme4::glmer 1.1-31 (tests/reference/glmm.json): cbpp binomial
/// (Laplace, nAGQ = 25, nAGQ = 0, proportion with weights, probit, cloglog), cbpp Poisson with an offset,
/// grouseticks Poisson with three random intercepts, VerbAgg binomial with crossed random intercepts.
/// </summary>
public sealed class GlmmGoldenTests
{
    public static IEnumerable<object[]> Cases => GlmmReference.CaseIds;

    [Theory]
    [MemberData(nameof(Cases))]
    public void ObjectiveIsLme4sOrLower(string id)
    {
        var c = GlmmReference.Case(id);
        var fit = GlmmReference.Fit(id);
        double r = c.Number("minus2loglik");
        Assert.True(fit.MinusTwoLogLikelihood <= r * (1 + 1e-5), $"-2 logLik {fit.MinusTwoLogLikelihood:R} vs lme4 {r:R}");
        Assert.True(fit.MinusTwoLogLikelihood >= r * (1 - 1e-5), $"-2 logLik {fit.MinusTwoLogLikelihood:R} vs lme4 {r:R}");
        Assert.Equal(c.Number("logLik"), fit.LogLikelihood, 1e-4 * Math.Abs(c.Number("logLik")) + 1e-6);
        Assert.Equal(c.Number("AIC"), fit.Aic, 1e-5 * c.Number("AIC"));
        Assert.Equal(c.Number("BIC"), fit.Bic, 1e-5 * c.Number("BIC"));
        Assert.Equal(c.GetProperty("df").GetInt32(), fit.ParameterCount);
        Assert.Equal(c.GetProperty("df_resid").GetInt32(), fit.ResidualDegreesOfFreedom);
        Assert.Equal(c.GetProperty("nobs").GetInt32(), fit.ObservationCount);
        Assert.Equal(c.Number("deviance"), fit.Deviance, 1e-5 * c.Number("deviance"));
        Assert.Equal(c.GetProperty("singular").GetBoolean(), fit.Singular);
        Assert.Empty(fit.Warnings);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EstimatesMatchLme4(string id)
    {
        var c = GlmmReference.Case(id);
        var fit = GlmmReference.Fit(id);
        AssertClose(c.Numbers("theta"), fit.Theta, 1e-4, "theta");
        AssertClose(c.Numbers("beta"), fit.Beta, 1e-4, "beta");
        var fixedRows = c.GetProperty("fixed").EnumerateArray().ToArray();
        var table = fit.FixedEffects;
        Assert.Equal(fixedRows.Select(r => r.GetProperty("term").GetString()), table.Select(t => t.Term));
        for (int j = 0; j < table.Count; j++)
        {
            double se = fixedRows[j].Number("se");
            // standard errors come from a finite-difference Hessian of the objective (lme4's deriv12): agree to 1e-4
            // absolute, or 1e-3 relative where lme4's PIRLS tolerance (1e-7) makes the Hessian itself noisy
            Assert.True(Math.Abs(se - table[j].StandardError) <= Math.Max(1e-4, 1e-3 * se), $"se of {table[j].Term}: {table[j].StandardError} vs {se}");
            Assert.Equal(fixedRows[j].Number("statistic"), table[j].Z, 2e-3 * Math.Abs(fixedRows[j].Number("statistic")));
            // p-values compared on the log scale: p of 4e-16 follows z to 2e-3 but moves 2% with the last bits of the
            // Hessian, which differ with the CPU's vector width; |log p| grows like z^2/2, so the tolerance scales with it
            double pR = fixedRows[j].Number("p"), logGap = Math.Abs(Math.Log(table[j].PValue) - Math.Log(pR));
            Assert.True(logGap <= 2e-2 * Math.Max(1, Math.Abs(Math.Log(pR))), $"p of {table[j].Term}: {table[j].PValue} vs {pR}");
        }
        var random = c.GetProperty("random").EnumerateArray().ToArray();
        var components = fit.VarianceComponents;
        Assert.Equal(random.Length, components.Count);
        for (int i = 0; i < random.Length; i++)
        {
            Assert.Equal(random[i].GetProperty("group").GetString(), components[i].Group);
            Assert.Equal(random[i].Number("sdcor"), components[i].SdCor, 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ModesFittedValuesAndResidualsMatchLme4(string id)
    {
        var c = GlmmReference.Case(id);
        var fit = GlmmReference.Fit(id);
        AssertClose(c.Numbers("fitted"), fit.Fitted()[..50], 1e-4, "fitted");
        AssertClose(c.Numbers("linear_predictor"), fit.LinearPredictor()[..50], 1e-4, "linear predictor");
        AssertClose(c.Numbers("deviance_residuals"), fit.DevianceResiduals()[..50], 1e-4, "deviance residuals");
        AssertClose(c.Numbers("pearson_residuals"), fit.PearsonResiduals()[..50], 1e-4, "pearson residuals");
        var tables = fit.RandomEffects();
        foreach (var r in c.GetProperty("ranef").EnumerateArray())
        {
            var mine = tables.Single(t => t.Group == r.GetProperty("group").GetString());
            var levels = r.GetProperty("levels").EnumerateArray().Select(l => l.GetString()!).ToArray();
            var values = r.GetProperty("values").EnumerateArray().Select(v => v[0].GetDouble()).ToArray();
            var sds = r.GetProperty("condsd").EnumerateArray().Select(v => v[0].GetDouble()).ToArray();
            for (int g = 0; g < levels.Length; g++)
            {
                int k = mine.Levels.ToList().IndexOf(levels[g]);
                Assert.True(k >= 0, $"level {levels[g]} of {mine.Group}");
                Assert.Equal(values[g], mine.Values[k, 0], 1e-4);
                Assert.Equal(sds[g], mine.ConditionalSd![k, 0], 1e-4);
            }
        }
    }

    [Fact]
    public void VcovMatchesLme4ForTheLaplaceFit()
    {
        var c = GlmmReference.Case("cbpp_binomial_laplace");
        var v = GlmmReference.Fit("cbpp_binomial_laplace").FixedEffectsCovariance;
        var rows = c.GetProperty("vcov").EnumerateArray().ToArray();
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows.Length; j++)
                Assert.Equal(rows[i][j].GetDouble(), v[i, j], 1e-5);
    }

    [Fact]
    public void LikelihoodRatioTestMatchesLme4Anova()
    {
        var lrt = GlmmReference.Root.GetProperty("lrt");
        var data = MixedEffects.Data.Datasets.Load("cbpp");
        var m0 = GeneralizedLinearMixedModel.Fit(lrt.GetProperty("m0").GetString()!, data);
        var m1 = GlmmReference.Fit("cbpp_binomial_laplace");
        var test = GeneralizedLinearMixedModel.Compare(m1, m0);
        var rows = lrt.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Same(m0, test.Smaller);
        Assert.Equal(rows[0].Number("logLik"), m0.LogLikelihood, 1e-5);
        Assert.Equal(rows[1].Number("Chisq"), test.ChiSquare, 1e-4);
        Assert.Equal(rows[1].GetProperty("Df").GetInt32(), test.DegreesOfFreedom);
        Assert.Equal(rows[1].Number("p"), test.PValue, 1e-4 * rows[1].Number("p"));
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: {actual[i]:R} vs lme4 {expected[i]:R}");
    }
}
