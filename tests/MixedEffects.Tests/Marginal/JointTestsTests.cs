using MixedEffects.Data;
using MixedEffects.Marginal;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// emmeans' joint_tests for the cake model with asymptotic tests. Reference: R 4.2.2, lme4 1.1-31,
/// emmeans 1.8.4-1, <c>joint_tests(lmer(angle ~ recipe * temperature + (1 | recipe:replicate), cake), lmer.df = "asymptotic")</c>
/// (F printed rounded to 3 decimals; p unrounded).
/// </summary>
public class JointTestsTests
{
    [Fact]
    public void CakeAsymptoticJointTestsMatchEmmeans()
    {
        var fit = LinearMixedModel.Fit("angle ~ recipe * temperature + (1 | recipe:replicate)", Datasets.Load("cake"));
        var rows = Emmeans.JointTests(fit);
        Assert.Equal(["recipe", "temperature", "recipe:temperature"], rows.Select(r => r.Term));
        Assert.Equal([2, 5, 10], rows.Select(r => r.NumeratorDf));
        Assert.All(rows, r => Assert.True(double.IsPositiveInfinity(r.DenominatorDf)));
        double[] f = [0.249, 20.52, 1.006];
        double[] p = [0.779744648755532, 1.49628994924809e-20, 0.435072519653666];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(f[i], rows[i].F, 5e-4 * Math.Max(1, f[i]));
            Assert.True(Math.Abs(rows[i].PValue - p[i]) <= 1e-3 * p[i], $"{rows[i].Term}: p {rows[i].PValue:R} vs {p[i]:R}");
        }
    }
}
