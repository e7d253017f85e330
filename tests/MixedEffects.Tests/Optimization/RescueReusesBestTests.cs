using MixedEffects.Models;
using MixedEffects.Optimization;
using MixedEffects.Tests.Reference;
using Xunit;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// BOBYQA never evaluates its best point again: when it rebuilds its interpolation set around the best point (its
/// simplified RESCUE), that point's value is known. Checked on lme4's criteria of the cases of tests/reference/optimizer.json
/// (from lme4's start with the default settings).
/// </summary>
public class RescueReusesBestTests
{
    public static IEnumerable<object[]> Ids => OptimizerCases.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheBestPointIsNotEvaluatedAgain(string id)
    {
        var r = OptimizerCases.Reference(id);
        var objective = LinearMixedModelObjective.Create(r.GetProperty("formula").GetString()!, OptimizerCases.Data(r), OptimizerCases.Options(r));
        var seen = new HashSet<string>();
        var repeated = new List<string>();
        string bestKey = "";
        double best = double.PositiveInfinity;
        double F(double[] x)
        {
            string key = string.Join(",", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            if (key == bestKey) repeated.Add($"{key} (evaluation {seen.Count + repeated.Count + 1})");
            seen.Add(key);
            double f = objective.Evaluate(x);
            if (f < best) (best, bestKey) = (f, key);
            return f;
        }
        var map = objective.Parameters;
        var result = new Bobyqa().Minimize(F, map.Start, map.LowerBounds, map.UpperBounds, OptimizerSettings.Default);
        Assert.True(repeated.Count == 0, string.Join("; ", repeated));
        Assert.True(result.Evaluations > 0);
    }
}
