using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// Fits under varIdent, varExp and varPower against nlme::lme (REML and ML, nested designs) and glmmTMB's
/// dispformula (crossed designs): log-likelihood within 1e-6 relative, fixed effects and standard errors within 1e-4,
/// residual standard deviations per stratum and random-effect standard deviations within 1e-3 (numbers from
/// tests/reference/variance.json, written by tests/reference/r/variance.R).
/// </summary>
public class VarianceFunctionGoldenTests
{
    public static IEnumerable<object[]> Nlme => VarianceCases.Ids("nlme");
    public static IEnumerable<object[]> GlmmTmb => VarianceCases.Ids("glmmTMB");

    [Theory]
    [MemberData(nameof(Nlme))]
    [MemberData(nameof(GlmmTmb))]
    public void LogLikelihoodMatches(string id)
    {
        var r = VarianceCases.Reference(id);
        var fit = VarianceCases.Fit(id);
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        double expected = r.GetProperty("logLik").GetDouble();
        Tolerance.Close(expected, fit.LogLikelihood, 1e-6, what: "logLik");
        Assert.True(fit.LogLikelihood >= expected - 1e-7 * Math.Abs(expected), "our optimum is worse than R's");
    }

    [Theory]
    [MemberData(nameof(Nlme))]
    [MemberData(nameof(GlmmTmb))]
    public void FixedEffectsAndStandardErrorsMatch(string id)
    {
        var r = VarianceCases.Reference(id);
        var fit = VarianceCases.Fit(id);
        var rows = r.GetProperty("fixed").EnumerateArray().ToArray();
        Assert.Equal(rows.Select(x => x.GetProperty("term").GetString()), fit.FixedEffectNames);
        var estimates = rows.Select(x => x.GetProperty("estimate").GetDouble()).ToArray();
        var ses = rows.Select(x => x.GetProperty("se").GetDouble()).ToArray();
        // nlme reports ML standard errors scaled by sqrt(N / (N - p)); lme4 (and we) do not
        bool nlmeMl = r.GetProperty("engine").GetString() == "nlme" && !r.GetProperty("REML").GetBoolean();
        double scale = nlmeMl ? Math.Sqrt(fit.ObservationCount / (double)(fit.ObservationCount - rows.Length)) : 1;
        // glmmTMB's SEs come from the joint Hessian with the variance parameters; lme4's with the weights fixed at
        // glmmTMB's estimates (se_lme4) are the fixed-effects covariance we report, and glmmTMB's agree within 1e-3
        var lme4Se = r.TryGetProperty("se_lme4", out var s4) ? s4.Numbers() : null;
        for (int j = 0; j < rows.Length; j++)
        {
            Tolerance.Close(estimates[j], fit.FixedEffects[j].Estimate, 1e-4, ses[j], $"estimate {fit.FixedEffectNames[j]}");
            double se = fit.FixedEffects[j].StandardError * scale;
            Tolerance.Close(lme4Se?[j] ?? ses[j], se, 1e-4, what: $"SE {fit.FixedEffectNames[j]}");
            Tolerance.Close(ses[j], se, lme4Se is null ? 1e-4 : 1e-3, what: $"SE {fit.FixedEffectNames[j]} against the engine's");
        }
    }

    [Theory]
    [MemberData(nameof(Nlme))]
    [MemberData(nameof(GlmmTmb))]
    public void ResidualStandardDeviationsPerStratumMatch(string id)
    {
        var r = VarianceCases.Reference(id);
        var fit = VarianceCases.Fit(id);
        var vf = fit.VarianceFunction!;
        if (!r.TryGetProperty("sd", out var sd))
        {
            double expected = r.GetProperty("parameter").GetDouble();
            // t and d are compared on the scale of their effect on log g over the covariate's range
            var covariate = (MixedEffects.Variance.CovariateVarianceFunction)vf.Function;
            double range = vf.Bound.CovariateValues!.Max(v => Math.Abs(covariate.LogScale(v)));
            Tolerance.Close(expected * range, vf.Parameters[0] * range, 1e-3, 1, "parameter times covariate range");
            Tolerance.Close(r.GetProperty("sigma").GetDouble(), fit.Sigma, 1e-3, what: "sigma");
            return;
        }
        var levels = sd.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(levels, vf.Strata);
        var expectedSd = sd.EnumerateObject().Select(p => p.Value.GetDouble()).ToArray();
        for (int s = 0; s < levels.Length; s++)
            Tolerance.Close(expectedSd[s], vf.StratumStandardDeviations[s], 1e-3, what: $"SD of stratum {levels[s]}");
        Tolerance.Close(expectedSd[0], fit.Sigma, 1e-3, what: "sigma (reference stratum)");
    }

    [Theory]
    [MemberData(nameof(Nlme))]
    [MemberData(nameof(GlmmTmb))]
    public void RandomEffectStandardDeviationsMatch(string id)
    {
        var r = VarianceCases.Reference(id);
        var fit = VarianceCases.Fit(id);
        var components = fit.VarianceComponents.Where(v => v.Group != "Residual").ToArray();
        var ours = components.Select(v => v.SdCor).ToArray();
        var expected = r.TryGetProperty("random", out var random)
            ? random.EnumerateArray().Select(x => x.GetProperty("sdcor").GetDouble()).ToArray()
            : components.Select(c => r.GetProperty("random_sd").EnumerateArray()
                .First(x => x.GetProperty("group").GetString() == c.Group).GetProperty("sdcor").GetDouble()).ToArray();
        Assert.Equal(expected.Length, ours.Length);
        for (int i = 0; i < ours.Length; i++) Tolerance.Close(expected[i], ours[i], 1e-3, 1e-2, $"random sd/cor {i}");
    }

    [Theory]
    [MemberData(nameof(Nlme))]
    public void FittedValuesAndPearsonResidualsMatch(string id)
    {
        var r = VarianceCases.Reference(id);
        var fit = VarianceCases.Fit(id);
        var fitted = r.GetProperty("fitted").Numbers();
        var pearson = r.GetProperty("pearson").Numbers();
        Tolerance.AllClose(fitted, fit.Fitted().Take(fitted.Length).ToArray(), 1e-4, 1, what: "fitted");
        Tolerance.AllClose(pearson, fit.PearsonResiduals().Take(pearson.Length).ToArray(), 1e-3, what: "Pearson residuals");
    }
}
