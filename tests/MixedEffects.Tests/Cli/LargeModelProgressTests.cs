using MixedEffects.Cli;
using MixedEffects.Data;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Cli;

/// <summary>The progress line of a large fit carries the model's estimated cost (InstEval: a dense block of order 1145).</summary>
public class LargeModelProgressTests
{
    [Fact]
    public void ProgressLineShowsTheEstimatedCost()
    {
        var objective = LinearMixedModelObjective.Create("y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
            Datasets.Load("insteval"), new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood });
        var terminal = new StringWriter();
        var now = TimeSpan.FromSeconds(2);
        var line = new FitProgressLine("deviance", terminal, () => now);
        line.Describe(objective.Cost.ToString());
        line.Report(new FitProgress(3, 242074.39));
        Assert.StartsWith("\rfitting: 3 evaluations, deviance 242074.3900; factor ", terminal.ToString());
        Assert.Contains("dense block of order 1145, 2972 sparse columns", terminal.ToString());
        Assert.Contains("GFLOP per evaluation", terminal.ToString());
    }
}
