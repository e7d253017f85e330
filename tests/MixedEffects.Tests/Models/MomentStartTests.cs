using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.Models;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The moment start values for random intercepts (Henderson's method I) on simulated crossed data with known
/// standard deviations: 24000 observations of three crossed factors (300, 120 and 12 levels, standard deviations 0.5,
/// 0.8 and 0.3 with residual 1) and a covariate. The estimates are unbiased up to the fixed effects' fit; with this
/// many levels each theta is within 25% of the truth. Models other than random intercepts get no moment start.
/// </summary>
public class MomentStartTests(ITestOutputHelper output)
{
    [Fact]
    public void CrossedInterceptsNearTheTruth()
    {
        var rng = new Random(11);
        int n = 24000;
        int[] levels = [300, 120, 12];
        double[] sd = [0.5, 0.8, 0.3];
        var effects = levels.Select((l, t) => Normal(rng, l).Select(v => v * sd[t]).ToArray()).ToArray();
        var codes = levels.Select(l => Enumerable.Range(0, n).Select(_ => rng.Next(l)).ToArray()).ToArray();
        var x = Normal(rng, n);
        var noise = Normal(rng, n);
        var y = Enumerable.Range(0, n).Select(i => 2 + 0.5 * x[i] + effects[0][codes[0][i]] + effects[1][codes[1][i]] + effects[2][codes[2][i]] + noise[i]).ToArray();
        var data = new Dataset([
            new NumericColumn("y", y), new NumericColumn("x", x),
            new TextColumn("a", codes[0].Select(c => $"a{c}")), new TextColumn("b", codes[1].Select(c => $"b{c}")),
            new TextColumn("c", codes[2].Select(c => $"c{c}")),
        ], "crossed");
        var design = Design("y ~ x + (1 | a) + (1 | b) + (1 | c)", data);
        var start = MomentStart.Compute(design);
        Assert.NotNull(start);
        output.WriteLine($"start [{string.Join(", ", start!)}]");
        // the terms in the design's order (by decreasing number of levels: a, b, c)
        for (int t = 0; t < 3; t++)
            Assert.True(Math.Abs(start[t] - sd[t]) <= 0.25 * sd[t], $"theta {t}: {start[t]} against {sd[t]}");

        Assert.Null(MomentStart.Compute(Design("y ~ x + (x | a)", data)));
        Assert.Null(MomentStart.Compute(Design("y ~ x + (0 + x | a) + (1 | b)", data)));
    }

    private static LinearMixedModelDesign Design(string formula, Dataset data) =>
        LinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula), data, new LinearMixedModelOptions());

    private static double[] Normal(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();
}
