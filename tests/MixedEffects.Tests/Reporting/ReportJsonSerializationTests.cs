using System.Text.Json;
using System.Text.Json.Serialization;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Reporting;
using Xunit;

namespace MixedEffects.Tests.Reporting;

/// <summary>
/// The report's compile-time generated serializer against System.Text.Json's reflection serializer applied to the
/// same report records (their JsonPropertyName/JsonIgnore attributes) with the report's options. The two texts must
/// be identical byte for byte: indentation, escaping, number format, null and left-out sections.
/// </summary>
public class ReportJsonSerializationTests
{
    private static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private static string Reflection(LinearMixedModelReport report) => JsonSerializer.Serialize(report, ReflectionOptions);

    [Fact]
    public void EverySectionMatchesTheReflectionSerializer()
    {
        var report = new LinearMixedModelReport
        {
            Nobs = 180,
            Ngroups = new Dictionary<string, int> { ["Subject"] = 18, ["item:id é"] = 3 },
            Method = "Laplace",
            Family = "binomial",
            Link = "logit",
            Converged = false,
            Singular = true,
            Warnings = ["boundary (singular) fit: see help('isSingular')", "a \"quoted\" <tag> & \t tab \u00e9 \u2028"],
            LogLik = -871.81418116400131,
            Aic = 1e-300,
            Bic = 1.7976931348623157e308,
            RemlCrit = null,
            Deviance = -0.0,
            Sigma = 25.591907957,
            Evaluations = 83,
            Fixed =
            [
                new FixedEffectReport("(Intercept)", 251.40510484848477, 6.824597, 36.838, 17.0000000001, 2.2e-16, 237.0, 265.8),
                new FixedEffectReport("Days:task+x", null, 1.0 / 3, null),
            ],
            Random =
            [
                new VarianceComponentReport("Subject", "(Intercept)", null, 612.1, 24.74),
                new VarianceComponentReport("Residual", null, null, 654.94, 25.59),
            ],
            Ddf = "kenward-roger",
            Level = 0.95,
            Anova = [new AnovaRowReport("task:stimulus", 1.5, 0.75, 2, 40.123456789, 12.5, null)],
            Emmeans = new EmmeansReport
            {
                DfMethod = "satterthwaite",
                Grid =
                [
                    new EmmeansGridRowReport(new Dictionary<string, string> { ["task"] = "naming", ["stimulus"] = "word" }, 6.5, 0.01, 60.2, null, 6.6),
                    new EmmeansGridRowReport(new Dictionary<string, string>(), null, null, null, null, null),
                ],
                Contrasts = [new EmmeansContrastReport("naming - lexdec", new Dictionary<string, string> { ["stimulus"] = "word" }, -0.2, 0.03, 55, -6.6, 1e-8)],
                Adjust = null,
                Messages = ["Results are averaged over the levels of: stimulus", "P value adjustment: tukey method for comparing a family of 4 estimates"],
            },
            Compare = new ModelComparisonReport
            {
                Chisq = 42.139,
                Df = 2,
                P = 7.07e-10,
                LogLik0 = -884.0,
                LogLik1 = -875.97,
                Refitted = true,
                Messages = ["refitting model(s) with ML (instead of REML)"],
                Rows =
                [
                    new ModelComparisonRowReport("m0", "Reaction ~ Days + (1 | Subject)", 4, 1802.1, 1814.8, -897.04, 1794.1, null, null, null),
                    new ModelComparisonRowReport("m1", "Reaction ~ Days + (Days | Subject)", 6, 1763.9, 1783.1, -875.97, 1751.9, 42.139, 2, 7.07e-10),
                ],
            },
            Intervals = [new ConfidenceIntervalReport(".sig01", null, 37.0, "wald"), new ConfidenceIntervalReport("Days", 7.4, 13.4, "profile")],
            DroppedRows = 3,
            DroppedColumns = ["x2", "task:stimulus"],
        };
        Assert.Equal(Reflection(report), JsonReport.Serialize(report));
    }

    [Fact]
    public void OptionalSectionsLeftOutAndEmptyListsMatchTheReflectionSerializer()
    {
        var report = new LinearMixedModelReport();
        Assert.Equal(Reflection(report), JsonReport.Serialize(report));
        var withEmptySections = report with
        {
            Anova = [],
            Intervals = [],
            Emmeans = new EmmeansReport { DfMethod = "asymptotic", Grid = [], Contrasts = [], Adjust = "tukey", Messages = [] },
            Compare = new ModelComparisonReport(),
        };
        Assert.Equal(Reflection(withEmptySections), JsonReport.Serialize(withEmptySections));
    }

    [Fact]
    public void ReportsOfRealFitsMatchTheReflectionSerializer()
    {
        var lmm = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", Datasets.Load("sleepstudy"));
        var lmmReport = JsonReport.Build(lmm);
        Assert.Equal(Reflection(lmmReport), JsonReport.Serialize(lmmReport));

        foreach (var variance in new[] { "varIdent(~ 1 | Sex)", "varExp(~ age)" })
        {
            var hetero = LinearMixedModel.Fit("distance ~ age * Sex + (1 | Subject)", Datasets.Load("orthodont"),
                new LinearMixedModelOptions { Variance = MixedEffects.Variance.VarianceFunction.Parse(variance) });
            var heteroReport = JsonReport.Build(hetero);
            Assert.NotNull(heteroReport.Variance);
            Assert.Equal(Reflection(heteroReport), JsonReport.Serialize(heteroReport));
        }

        var glmm = GeneralizedLinearMixedModel.Fit("cbind(incidence, size - incidence) ~ period + (1 | herd)", Datasets.Load("cbpp"),
            new GeneralizedLinearMixedModelOptions { Family = "binomial" });
        var glmmReport = JsonReport.Build(glmm);
        Assert.Equal(Reflection(glmmReport), JsonReport.Serialize(glmmReport));
    }
}
