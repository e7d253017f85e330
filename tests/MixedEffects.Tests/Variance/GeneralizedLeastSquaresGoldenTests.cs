using System.Collections.Concurrent;
using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using MixedEffects.Variance;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// Generalized least squares against nlme::gls under varIdent, varExp, varPower and no variance function, by REML and
/// ML: log-likelihood within 1e-6 relative (never below nlme's), AIC and BIC, coefficients and standard errors within
/// 1e-4, t values, p values on the log scale, sigma and the variance function's parameters within 1e-3, fitted values
/// and Pearson residuals (numbers from tests/reference/gls.json, written by tests/reference/r/gls.R).
/// </summary>
public class GeneralizedLeastSquaresGoldenTests
{
    private static readonly ConcurrentDictionary<string, Lazy<GeneralizedLeastSquaresFit>> Fits = new();

    public static IEnumerable<object[]> Cases => GoldenFile.CaseIds("gls");

    private static JsonElement Reference(string id) => GoldenFile.Case("gls", id);

    private static GeneralizedLeastSquaresFit Fit(string id) => Fits.GetOrAdd(id, key => new Lazy<GeneralizedLeastSquaresFit>(() =>
    {
        var r = Reference(key);
        var variance = r.OptionalString("variance");
        return GeneralizedLeastSquares.Fit(r.GetProperty("formula").GetString()!, Datasets.Load(r.GetProperty("dataset").GetString()!),
            new LinearMixedModelOptions
            {
                Method = r.GetProperty("REML").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood,
                Variance = variance is null ? null : VarianceFunction.Parse(variance),
            });
    })).Value;

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogLikelihoodAndInformationCriteriaMatch(string id)
    {
        var r = Reference(id);
        var fit = Fit(id);
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        Assert.Equal(r.GetProperty("nobs").GetInt32(), fit.ObservationCount);
        Assert.Equal(r.GetProperty("df").GetInt32(), fit.ParameterCount);
        double expected = r.GetProperty("logLik").GetDouble();
        Tolerance.Close(expected, fit.LogLikelihood, 1e-6, what: "logLik");
        Assert.True(fit.LogLikelihood >= expected - 1e-7 * Math.Abs(expected), "our optimum is worse than nlme's");
        Tolerance.Close(r.GetProperty("AIC").GetDouble(), fit.Aic, 1e-6, what: "AIC");
        Tolerance.Close(r.GetProperty("BIC").GetDouble(), fit.Bic, 1e-6, what: "BIC");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CoefficientsStandardErrorsAndTestsMatch(string id)
    {
        var r = Reference(id);
        var fit = Fit(id);
        var rows = r.GetProperty("coefficients").EnumerateArray().ToArray();
        Assert.Equal(rows.Select(x => x.GetProperty("term").GetString()), fit.Coefficients.Select(c => c.Term));
        for (int j = 0; j < rows.Length; j++)
        {
            var c = fit.Coefficients[j];
            Tolerance.Close(rows[j].GetProperty("estimate").GetDouble(), c.Estimate, 1e-4, rows[j].GetProperty("se").GetDouble(), $"estimate {c.Term}");
            Tolerance.Close(rows[j].GetProperty("se").GetDouble(), c.StandardError, 1e-4, what: $"SE {c.Term}");
            Tolerance.Close(rows[j].GetProperty("t").GetDouble(), c.Statistic, 1e-4, 1, $"t {c.Term}");
            double p = rows[j].GetProperty("p").GetDouble();
            if (p > 1e-300) Tolerance.Close(Math.Log(p), Math.Log(c.P), 1e-3, 1e-2, $"log p {c.Term}");
        }
        var covariance = fit.Covariance;
        for (int j = 0; j < rows.Length; j++)
            Tolerance.Close(fit.Coefficients[j].StandardError, Math.Sqrt(covariance[j, j]), 1e-12, what: "SE from the covariance");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SigmaAndVarianceParametersMatch(string id)
    {
        var r = Reference(id);
        var fit = Fit(id);
        Tolerance.Close(r.GetProperty("sigma").GetDouble(), fit.Sigma, 1e-3, what: "sigma");
        var vf = fit.VarianceFunction;
        if (r.TryGetProperty("ratios", out var ratios))
        {
            var levels = ratios.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(levels, vf!.Strata);
            var expected = ratios.EnumerateObject().Select(p => p.Value.GetDouble()).ToArray();
            var sd = r.GetProperty("sd").EnumerateObject().Select(p => p.Value.GetDouble()).ToArray();
            for (int s = 0; s < levels.Length; s++)
            {
                Tolerance.Close(expected[s], vf.StratumRatios[s], 1e-3, what: $"ratio of stratum {levels[s]}");
                Tolerance.Close(sd[s], vf.StratumStandardDeviations[s], 1e-3, what: $"SD of stratum {levels[s]}");
            }
        }
        else if (r.TryGetProperty("parameter", out var parameter))
        {
            // t and d are compared on the scale of their effect on log g over the covariate's range
            var covariate = (CovariateVarianceFunction)vf!.Function;
            double range = vf.Bound.CovariateValues!.Max(v => Math.Abs(covariate.LogScale(v)));
            Tolerance.Close(parameter.GetDouble() * range, vf.Parameters[0] * range, 1e-3, 1, "parameter times covariate range");
        }
        else Assert.Null(vf);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FittedValuesAndPearsonResidualsMatch(string id)
    {
        var r = Reference(id);
        var fit = Fit(id);
        var fitted = r.GetProperty("fitted").Numbers();
        var pearson = r.GetProperty("pearson").Numbers();
        Tolerance.AllClose(fitted, fit.Fitted().Take(fitted.Length).ToArray(), 1e-4, 1, what: "fitted");
        Tolerance.AllClose(pearson, fit.PearsonResiduals().Take(pearson.Length).ToArray(), 1e-3, what: "Pearson residuals");
    }
}
