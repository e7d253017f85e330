using System.Text.Json;
using MixedEffects.Marginal;
using MixedEffects.Tests.Distributions;
using Xunit;

namespace MixedEffects.Tests.Marginal;

/// <summary>
/// PValueAdjustment against R's p.adjust and emmeans' summary/confint of contrasts on lm fits of
/// InsectSprays, PlantGrowth and warpbreaks (distributions_reference.json, from distributions_reference.R).
/// </summary>
public class PValueAdjustmentTests
{
    [Theory]
    [InlineData("none", AdjustmentMethod.None)]
    [InlineData("tukey", AdjustmentMethod.Tukey)]
    [InlineData("sidak", AdjustmentMethod.Sidak)]
    [InlineData("bonferroni", AdjustmentMethod.Bonferroni)]
    [InlineData("holm", AdjustmentMethod.Holm)]
    [InlineData("hochberg", AdjustmentMethod.Hochberg)]
    [InlineData("BH", AdjustmentMethod.BenjaminiHochberg)]
    [InlineData("fdr", AdjustmentMethod.BenjaminiHochberg)]
    [InlineData("dunnettx", AdjustmentMethod.Dunnettx)]
    [InlineData("scheffe", AdjustmentMethod.Scheffe)]
    [InlineData("mvt", AdjustmentMethod.Mvt)]
    public void ParsesEmmeansNames(string name, AdjustmentMethod expected) => Assert.Equal(expected, PValueAdjustment.Parse(name));

    [Fact]
    public void UnknownNameListsValidMethods()
    {
        var error = Assert.Throws<MixedEffectsException>(() => PValueAdjustment.Parse("holm-bonf"));
        Assert.Contains("'holm-bonf'", error.Message);
        Assert.Contains("dunnettx", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NamesRoundTrip()
    {
        foreach (var method in Enum.GetValues<AdjustmentMethod>())
            Assert.Equal(method, PValueAdjustment.Parse(PValueAdjustment.Name(method)));
    }

    [Fact]
    public void AdjustPValuesMatchesRPAdjustWithTies()
    {
        var pAdjust = DistributionsReference.Root.GetProperty("p_adjust");
        double[] p = pAdjust.Numbers("p");
        foreach (var entry in pAdjust.GetProperty("methods").EnumerateArray())
        {
            string name = entry.GetProperty("method").GetString()!;
            double[] expected = entry.Numbers("adjusted");
            double[] actual = PValueAdjustment.AdjustPValues(p, PValueAdjustment.Parse(name));
            for (int i = 0; i < p.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-14, $"p.adjust {name} [{i}]: R {expected[i]:R}, got {actual[i]:R}");
        }
    }

    [Fact]
    public void AdjustPValuesRejectsStatisticBasedMethods() =>
        Assert.Throws<ArgumentException>(() => PValueAdjustment.AdjustPValues([0.1, 0.2], AdjustmentMethod.Tukey));

    [Fact]
    public void FamilyPValuesMatchEmmeans()
    {
        foreach (var c in DistributionsReference.Rows("emmeans"))
        {
            var method = PValueAdjustment.Parse(c.GetProperty("adjust").GetString()!);
            double[] actual = PValueAdjustment.AdjustFamily(c.Numbers("t_ratio"), c.Numbers("df"), method,
                c.Number("n_means"), (int)c.Number("scheffe_rank"));
            double[] expected = c.Numbers("p_value");
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1e-3, expected[i]),
                    $"{Describe(c)} p[{i}]: emmeans {expected[i]:R}, got {actual[i]:R}");
        }
    }

    [Fact]
    public void CriticalValuesMatchEmmeansIntervals()
    {
        foreach (var c in DistributionsReference.Rows("emmeans"))
        {
            var method = PValueAdjustment.Parse(c.GetProperty("adjust").GetString()!);
            double[] estimate = c.Numbers("estimate"), se = c.Numbers("se"), upper = c.Numbers("upper"), df = c.Numbers("df");
            // emmeans solves the dunnettx quantile only to 5e-4; R's qtukey stops on a 1e-4 secant step.
            double tolerance = method == AdjustmentMethod.Dunnettx ? 1e-3 : method == AdjustmentMethod.Tukey ? 1e-6 : 1e-9;
            for (int i = 0; i < estimate.Length; i++)
            {
                double emmeansCritical = (upper[i] - estimate[i]) / se[i];
                double actual = PValueAdjustment.CriticalValue(0.95, df[i], method, estimate.Length, c.Number("n_means"), (int)c.Number("scheffe_rank"));
                Assert.True(Math.Abs(emmeansCritical - actual) < tolerance, $"{Describe(c)} critical value: emmeans {emmeansCritical:R}, got {actual:R}");
            }
        }
    }

    [Fact]
    public void SingleStepFormulasAgreeWithTheirDefinitions()
    {
        // Independent identities: Sidak and Bonferroni by their definitions; with two means Tukey
        // reduces to the unadjusted two-sided t test; Scheffe with rank 1 likewise.
        Assert.Equal(1 - Math.Pow(1 - 0.01, 6), PValueAdjustment.SidakPValue(0.01, 6), 1e-15);
        Assert.Equal(1.0, PValueAdjustment.BonferroniPValue(0.3, 4));
        double unadjusted = MixedEffects.Distributions.ProbabilityFunctions.TwoSidedTPValue(2.3, 14);
        Assert.Equal(unadjusted, PValueAdjustment.TukeyPValue(2.3, 2, 14), 1e-9);
        Assert.Equal(unadjusted, PValueAdjustment.ScheffePValue(2.3, 1, 14), 1e-12);
    }

    private static string Describe(JsonElement c) =>
        $"{c.GetProperty("dataset").GetString()} {c.GetProperty("contrasts").GetString()} adjust={c.GetProperty("adjust").GetString()}";
}
