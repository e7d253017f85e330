using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Marginal;
using MixedEffects.Models;
using MixedEffects.Reporting;
using Xunit;

namespace MixedEffects.Tests.Reporting;

/// <summary>
/// Layout of the emmeans-style text and JSON reports for the fhch2010 task x stimulus model (asymptotic df).
/// Numbers are emmeans 1.8.4-1's (tests/reference/emmeans.json, fhch2010_task_stimulus_asymptotic), rounded as emmeans prints them.
/// </summary>
public class EmmeansTextReportTests
{
    private static readonly Lazy<EstimatedMarginalMeans> Means = new(() =>
    {
        var fit = LinearMixedModel.Fit("log_rt ~ task * stimulus + (1 | id) + (1 | item)", Datasets.Load("fhch2010"));
        return Emmeans.Compute(fit, "task * stimulus", inference: ContrastInference.For(fit, DdfMethod.Asymptotic));
    });

    [Fact]
    public void GridTableHasEmmeansColumnsRowsAndFooter()
    {
        var lines = EmmeansTextReport.Format(Means.Value).Split('\n');
        // emmeans names the limits asymp.LCL and asymp.UCL when df is infinite (emmeans(m, ~task*stimulus, lmer.df = "a"))
        Assert.Equal(["task", "stimulus", "emmean", "SE", "df", "asymp.LCL", "asymp.UCL"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // emmeans.json fhch2010_task_stimulus_asymptotic: lexdec nonword emmean and SE, df Inf (printed digits are compared to 4 places)
        var gold = MixedEffects.Tests.Reference.GoldenFile.Case("emmeans", "fhch2010_task_stimulus_asymptotic").GetProperty("grid")[0];
        var cells = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["lexdec", "nonword"], cells[..2]);
        Assert.Equal(gold.GetProperty("estimate").GetDouble(), double.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Equal(gold.GetProperty("se").GetDouble(), double.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Equal("Inf", cells[4]);
        Assert.Contains("Degrees-of-freedom method: asymptotic", lines);
        Assert.Contains("Confidence level used: 0.95", lines);
    }

    [Fact]
    public void ContrastTableShowsTukeyFooterAndJsonHasContrasts()
    {
        var contrasts = Means.Value.Contrast("pairwise");
        var text = EmmeansTextReport.Format(contrasts);
        Assert.Contains("P value adjustment: tukey method for comparing a family of 4 estimates", text.Split('\n'));
        Assert.Contains("lexdec nonword - naming nonword", text);
        // emmeans' print(pairs(emm)): tests only, no limits (emmeans(m, pairwise ~ task*stimulus, lmer.df = "a"))
        Assert.Equal(["contrast", "estimate", "SE", "df", "z.ratio", "p.value"], text.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonSerializer.Serialize(EmmeansReport.Build(Means.Value, contrasts));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("asymptotic", doc.RootElement.GetProperty("df_method").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("grid").GetArrayLength());
        Assert.Equal(6, doc.RootElement.GetProperty("contrasts").GetArrayLength());
        Assert.Equal("naming", doc.RootElement.GetProperty("grid")[1].GetProperty("levels").GetProperty("task").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("grid")[0].GetProperty("df").ValueKind);
    }
}
