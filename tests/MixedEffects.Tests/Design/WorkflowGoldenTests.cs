using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Design;

/// <summary>
/// Factor levels, per-factor contrasts and data-dependent transformations against lme4 1.1-31 and emmeans 1.8.4-1
/// (tests/reference/workflow.json, written by tests/reference/r/workflow.R).
/// </summary>
public class WorkflowGoldenTests
{
    private static Dataset Fhch()
    {
        var data = Datasets.Load("fhch2010");
        var correct = (TextColumn)data["correct"];
        return data.SelectRows(Enumerable.Range(0, data.RowCount).Where(r => correct[r] == "TRUE").ToArray());
    }

    private static Dataset DataFor(string id) => id switch
    {
        "fhch2010_relevel" => Fhch(),
        "fhch2010_relevel_data" => Fhch().Relevel("task", "naming").Relevel("stimulus", "word"),
        "cake_sum_ordered" => Datasets.Load("cake").WithContrasts("recipe", FactorContrasts.Sum),
        "dietox_base_helmert" => Datasets.Load("dietox")
            .WithContrasts("Cu", FactorContrasts.TreatmentWithBase(2)).WithContrasts("Evit", FactorContrasts.Helmert),
        "dietox_custom" => Datasets.Load("dietox").WithContrasts("Evit", FactorContrasts.Custom(new double[,] { { -1 }, { 0 }, { 1 } }, ["lin"])),
        var other when other.StartsWith("dietox", StringComparison.Ordinal) => Datasets.Load("dietox"),
        _ => Datasets.Load("sleepstudy"),
    };

    public static IEnumerable<object[]> Cases() => GoldenFile.CaseIds("workflow");

    [Theory]
    [MemberData(nameof(Cases))]
    public void FixedEffectsMatchLme4(string id)
    {
        var golden = GoldenFile.Case("workflow", id);
        var fit = LinearMixedModel.Fit(golden.GetProperty("formula").GetString()!, DataFor(id));
        var fixedPart = golden.GetProperty("fixed");
        Assert.Equal(fixedPart.GetProperty("names").EnumerateArray().Select(n => n.GetString()!), fit.FixedEffects.Select(f => f.Term));
        Tolerance.AllClose(Numbers(fixedPart.GetProperty("estimate")), fit.FixedEffects.Select(f => f.Estimate).ToArray(), 1e-4, what: "estimate");
        Tolerance.AllClose(Numbers(fixedPart.GetProperty("se")), fit.FixedEffects.Select(f => f.StandardError).ToArray(), 1e-4, what: "se");
        Tolerance.Close(golden.GetProperty("reml").GetDouble(), fit.Criterion, 1e-7, what: "REML criterion");
    }

    [Theory]
    [InlineData("fhch2010_relevel_data")]
    [InlineData("cake_sum_ordered")]
    [InlineData("dietox_base_helmert")]
    [InlineData("sleepstudy_poly")]
    [InlineData("sleepstudy_scale")]
    [InlineData("sleepstudy_center")]
    public void MarginalMeansMatchEmmeans(string id)
    {
        var golden = GoldenFile.Case("workflow", id);
        var fit = LinearMixedModel.Fit(golden.GetProperty("formula").GetString()!, DataFor(id));
        IContrastInference inference = id.StartsWith("fhch", StringComparison.Ordinal)
            ? AsymptoticInference.For(fit) : ContrastInference.For(fit, DdfMethod.KenwardRoger);
        foreach (var expected in golden.GetProperty("emmeans").EnumerateArray())
        {
            var means = Means(id, expected.GetProperty("label").GetString()!, fit, inference);
            Tolerance.AllClose(Numbers(expected.GetProperty("estimate")), means.Rows.Select(r => r.Estimate).ToArray(), 1e-4, what: "emmean");
            Tolerance.AllClose(Numbers(expected.GetProperty("se")), means.Rows.Select(r => r.StandardError).ToArray(), 1e-3, what: "SE");
            Tolerance.AllClose(Numbers(expected.GetProperty("df")), means.Rows.Select(r => r.DegreesOfFreedom).ToArray(), 1e-3, what: "df");
        }
    }

    [Fact]
    public void DefaultDfIsAsymptoticAboveThreeThousandObservations()
    {
        // emmeans(m, ~ task * stimulus) with no lmer.df on the 12960 correct trials: asymptotic, as the golden case asks explicitly.
        var golden = GoldenFile.Case("workflow", "fhch2010_relevel_data");
        var fit = LinearMixedModel.Fit(golden.GetProperty("formula").GetString()!, DataFor("fhch2010_relevel_data"));
        var means = Emmeans.Compute(fit, "task * stimulus");
        Assert.Equal("asymptotic", means.DegreesOfFreedomMethod);
        var expected = golden.GetProperty("emmeans")[0];
        Tolerance.AllClose(Numbers(expected.GetProperty("se")), means.Rows.Select(r => r.StandardError).ToArray(), 1e-3, what: "SE");
        Assert.All(means.Rows, r => Assert.True(double.IsPositiveInfinity(r.DegreesOfFreedom)));
    }

    [Fact]
    public void SeveralFormulasGiveLme4MultiModelAnova()
    {
        var golden = GoldenFile.Load("workflow").GetProperty("multi_anova");
        var fit = LinearMixedModel.Fit("Reaction ~ Days + (Days | Subject)", Datasets.Load("sleepstudy"));
        var result = ModelComparison.Compare(fit, ["Reaction ~ 1 + (1 | Subject)", "Reaction ~ Days + (1 | Subject)"]);
        Assert.Equal(Numbers(golden.GetProperty("npar")), result.Rows.Select(r => (double)r.Npar).ToArray());
        Tolerance.AllClose(Numbers(golden.GetProperty("logLik")), result.Rows.Select(r => r.LogLik).ToArray(), 1e-6, what: "logLik");
        Tolerance.Close(golden.GetProperty("Chisq")[2].GetDouble(), result.Rows[2].ChiSquare!.Value, 1e-4, what: "Chisq");
        Tolerance.Close(Math.Log(golden.GetProperty("p")[1].GetDouble()), Math.Log(result.Rows[1].P!.Value), 1e-3, what: "log p");
    }

    [Fact]
    public void ConsecContrastsUseTheMultivariateTAdjustmentWithinMonteCarloError()
    {
        // emmeans' default for consec is mvt (mvtnorm's randomized integration, abseps 0.001); ours is seeded Monte Carlo
        // with standard error at most 0.0011, so p-values agree to 0.005 and the critical value to 1%.
        var golden = GoldenFile.Load("workflow").GetProperty("mvt_consec");
        var fit = LinearMixedModel.Fit("angle ~ recipe * temperature + (1 | recipe:replicate)", Datasets.Load("cake"));
        var contrasts = Emmeans.Compute(fit, "temperature", inference: ContrastInference.For(fit, DdfMethod.KenwardRoger)).Contrast("consec");
        Assert.Equal(AdjustmentMethod.Mvt, contrasts.Adjustment);
        Assert.Equal(golden.GetProperty("contrast").EnumerateArray().Select(c => c.GetString()), contrasts.Rows.Select(r => r.Name));
        var p = Numbers(golden.GetProperty("p"));
        var lower = Numbers(golden.GetProperty("lower"));
        var estimate = Numbers(golden.GetProperty("estimate"));
        for (int i = 0; i < p.Length; i++)
        {
            Assert.True(Math.Abs(p[i] - contrasts.Rows[i].PValue) <= 0.005, $"p[{i}]: {contrasts.Rows[i].PValue} vs {p[i]}");
            Tolerance.Close(estimate[i] - lower[i], contrasts.Rows[i].Estimate - contrasts.Rows[i].Lower, 0.01, what: $"half-width[{i}]");
        }
        // the same seed gives the same p-values
        var again = Emmeans.Compute(fit, "temperature", inference: ContrastInference.For(fit, DdfMethod.KenwardRoger)).Contrast("consec");
        Assert.Equal(contrasts.Rows.Select(r => r.PValue), again.Rows.Select(r => r.PValue));
    }

    private static EstimatedMarginalMeans Means(string id, string label, LinearMixedModelFit fit, IContrastInference inference) => (id, label) switch
    {
        ("sleepstudy_poly", "Days") => Emmeans.Compute(fit, "Days", at: new Dictionary<string, double[]> { ["Days"] = [0, 4.5, 9] }, inference: inference),
        ("sleepstudy_poly", "trend") => Emmeans.Trends(fit, "1", "Days", inference: inference),
        ("sleepstudy_scale", _) => Emmeans.Compute(fit, "Days", at: new Dictionary<string, double[]> { ["Days"] = [2, 7] }, inference: inference),
        _ => Emmeans.Compute(fit, label, inference: inference),
    };

    private static double[] Numbers(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(v => v.Number()).ToArray() : [e.Number()];
}
