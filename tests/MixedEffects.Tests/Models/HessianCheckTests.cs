using System.Text.Json;
using MixedEffects.Data;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// lme4's identifiability check ("Model is nearly unidentifiable: very large eigenvalue / large eigenvalue ratio")
/// against tests/reference/workflow2.json "hessian": lme4's checkHess on the deriv12 Hessian at lme4's tight
/// optimum (lmer) or at glmer's optimum; warned where lme4 warns (uncentred Time on Sitka, Days x 100, a binomial
/// covariate x 100) and silent elsewhere (including a fit whose tight optimum is singular).
/// </summary>
public class HessianCheckTests
{
    public static IEnumerable<object[]> Ids() =>
        GoldenFile.Load("workflow2").GetProperty("hessian").EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    private static JsonElement Case(string id) =>
        GoldenFile.Load("workflow2").GetProperty("hessian").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    [Theory]
    [MemberData(nameof(Ids))]
    public void WarnsWhereLme4Warns(string id)
    {
        var c = Case(id);
        var expected = c.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToArray();
        string formula = c.GetProperty("formula").GetString()!;
        IReadOnlyList<string> warnings = c.GetProperty("kind").GetString() == "glmer"
            ? GeneralizedLinearMixedModel.Fit(formula, CbppWithCovariate(id), new GeneralizedLinearMixedModelOptions { Family = "binomial" }).Warnings
            : LinearMixedModel.Fit(formula, Data(id), new LinearMixedModelOptions
            {
                Method = c.GetProperty("REML").GetBoolean() ? EstimationMethod.Reml : EstimationMethod.MaximumLikelihood,
            }).Warnings;
        Assert.Equal(expected, warnings.Where(w => w.StartsWith("Model is nearly unidentifiable", StringComparison.Ordinal)));
    }

    [Fact]
    public void MessagesFollowTheEigenvalues()
    {
        Assert.Equal([HessianCheck.VeryLargeEigenvalue], HessianCheck.Messages(new double[,] { { 2e6, 0 }, { 0, 10 } }));
        Assert.Equal([HessianCheck.VeryLargeEigenvalue, HessianCheck.LargeEigenvalueRatio], HessianCheck.Messages(new double[,] { { 2e6, 0 }, { 0, 1 } }));
        Assert.Equal([HessianCheck.LargeEigenvalueRatio], HessianCheck.Messages(new double[,] { { 1e5, 0 }, { 0, 0.05 } }));
        Assert.Empty(HessianCheck.Messages(new double[,] { { 845, 10 }, { 10, 34 } }));
        Assert.Empty(HessianCheck.Messages(new double[,] { { 2e6, 0 }, { 0, -1 } }));   // not positive definite: lme4's other messages
    }

    private static Dataset Data(string id) => id switch
    {
        "sitka_slopes" or "sitka_slopes_scaled" => Datasets.Load("sitka"),
        "spruce_slopes" => ReferenceData("spruce"),
        "orange_slopes" => ReferenceData("orange"),
        "dietox_slopes" => Datasets.Load("dietox"),
        "fhch2010_slopes" => Datasets.Load("fhch2010"),
        "penicillin" => Datasets.Load("penicillin"),
        _ => Datasets.Load("sleepstudy"),
    };

    private static Dataset ReferenceData(string name) =>
        CsvReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "reference", "data", name + ".csv"));

    /// <summary>cbpp with x = period (as a number) times the case's factor, as workflow2.R builds it.</summary>
    private static Dataset CbppWithCovariate(string id)
    {
        double factor = id == "cbpp_x100" ? 100 : id == "cbpp_x30" ? 30 : 0;
        var cbpp = Datasets.Load("cbpp");
        var text = new System.Text.StringBuilder("herd,incidence,size,period,x\n");
        for (int i = 0; i < cbpp.RowCount; i++)
        {
            string period = cbpp["period"].FormatValue(i)!;
            text.Append($"\"{cbpp["herd"].FormatValue(i)}\",{cbpp["incidence"].FormatValue(i)},{cbpp["size"].FormatValue(i)},\"{period}\",")
                .Append((double.Parse(period, System.Globalization.CultureInfo.InvariantCulture) * factor).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }
        string path = Path.Combine(Path.GetTempPath(), $"cbpp_{id}_{Environment.ProcessId}.csv");
        File.WriteAllText(path, text.ToString());
        try { return CsvReader.ReadFile(path); }
        finally { File.Delete(path); }
    }
}
