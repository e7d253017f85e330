using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary>
/// <c>mixed gls</c> against nlme::gls (tests/reference/gls.json): the JSON report's coefficients, standard errors,
/// sigma, variance parameters, logLik, AIC and BIC; nlme's summary layout in text; bad input as one line and exit code 2.
/// </summary>
public class GeneralizedLeastSquaresCommandTests
{
    [Theory]
    [InlineData("orthodont_sex_ml")]
    [InlineData("sessions_reml")]
    [InlineData("bodyweight_exp_reml")]
    [InlineData("orthodont_none_reml")]
    [InlineData("orthodont_fitted_power_reml")]
    public void JsonReportMatchesNlme(string id)
    {
        var r = GoldenFile.Case("gls", id);
        var args = new List<string> { "gls", r.GetProperty("dataset").GetString()!, r.GetProperty("formula").GetString()! };
        if (r.OptionalString("variance") is { } variance) args.AddRange(["--variance", variance]);
        if (!r.GetProperty("REML").GetBoolean()) args.Add("--ml");
        var json = CliRun.Json([.. args]);
        Assert.Equal(r.GetProperty("REML").GetBoolean() ? "REML" : "ML", json.GetProperty("method").GetString());
        Assert.Equal(r.GetProperty("df").GetInt32(), json.GetProperty("df").GetInt32());
        foreach (var name in new[] { "logLik", "AIC", "BIC" })
            Tolerance.Close(r.GetProperty(name).GetDouble(), json.GetProperty(name).GetDouble(), 1e-6, what: name);
        Tolerance.Close(r.GetProperty("sigma").GetDouble(), json.GetProperty("sigma").GetDouble(), 1e-3, what: "sigma");
        CliAssertions.AssertRows(r.GetProperty("coefficients"), json.GetProperty("coefficients"), (gold, ours, i) =>
        {
            Assert.Equal(gold.GetProperty("term").GetString(), ours.GetProperty("term").GetString());
            Tolerance.Close(gold.GetProperty("estimate").GetDouble(), ours.GetProperty("estimate").GetDouble(), 1e-4,
                gold.GetProperty("se").GetDouble(), $"estimate {i}");
            Tolerance.Close(gold.GetProperty("se").GetDouble(), ours.GetProperty("se").GetDouble(), 1e-4, what: $"se {i}");
        });
        if (r.TryGetProperty("ratios", out var ratios))
            foreach (var level in ratios.EnumerateObject())
                Tolerance.Close(level.Value.GetDouble(), json.GetProperty("variance").GetProperty("ratios").GetProperty(level.Name).GetDouble(),
                    1e-3, what: $"ratio {level.Name}");
        else if (r.TryGetProperty("parameter", out var parameter))
            Tolerance.Close(parameter.GetDouble(), json.GetProperty("variance").GetProperty("parameter").GetDouble(), 1e-2, 1e-3, "parameter");
        else Assert.False(json.TryGetProperty("variance", out _));
    }

    [Fact]
    public void TextReportHasNlmeSummaryBlocks()
    {
        var r = GoldenFile.Case("gls", "orthodont_sex_reml");
        var run = CliRun.Succeeding("gls", "orthodont", "distance ~ age * Sex", "--variance", "varIdent(~ 1 | Sex)");
        Assert.StartsWith("Generalized least squares fit by REML\n  Model: distance ~ age * Sex\n", run.Stdout);
        Assert.Contains(" Structure: Different standard deviations per stratum", run.Stdout);
        Assert.Contains("Degrees of freedom: 108 total; 104 residual", run.Stdout);
        string logLik = MixedEffects.Reporting.RNumberFormatter.FormatSingle(r.GetProperty("logLik").GetDouble());
        Assert.Contains(logLik, run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "gls", "orthodont", "distance ~ age + (1 | Subject)" }, "no random-effects terms", "| Subject")]
    [InlineData(new[] { "gls", "orthodont", "distance ~ age", "--variance", "varExp(~ height)" }, "height")]
    [InlineData(new[] { "gls", "orthodont", "distance ~ age", "--variance", "varWeird(~ age)" }, "--variance", "varWeird")]
    [InlineData(new[] { "gls", "orthodont", "distance ~ age", "--ml", "--reml" }, "--reml", "--ml")]
    [InlineData(new[] { "gls", "orthodont", "distance ~ stature" }, "stature")]
    [InlineData(new[] { "fit", "orthodont", "distance ~ age + (1 | Subject)", "--variance", "varPower(~ fitted(.))" }, "fitted values", "mixed gls")]
    public void BadInputIsOneLineWithExitCode2(string[] args, params string[] fragments) =>
        CliAssertions.AssertUserError(CliRun.Of(args), fragments);
}
