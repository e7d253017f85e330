using MixedEffects.Data;
using MixedEffects.Models;
using Xunit;

namespace MixedEffects.Tests.Models;

/// <summary>
/// The cost estimate before fitting, against counts taken from the data file itself: InstEval's students form the
/// sparse front and its lecturers, departments, fixed effects and response the dense block, whose Cholesky (order^3/3
/// floating-point operations) dominates one evaluation; a nested design has no dense random effects at all.
/// </summary>
public class EvaluationCostTests
{
    [Fact]
    public void InstEvalDenseBlockIsTheCrossedTerms()
    {
        var lines = File.ReadAllLines(MixedEffects.Tests.Data.RepositoryDataFiles.PathOf("insteval.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        int students = lines.Select(f => f[0]).Distinct().Count();
        int lecturers = lines.Select(f => f[1]).Distinct().Count();
        int departments = lines.Select(f => f[5]).Distinct().Count();
        var objective = LinearMixedModelObjective.Create("y ~ 1 + service + (1 | s) + (1 | d) + (1 | dept)",
            Datasets.Load("insteval"), new LinearMixedModelOptions { Method = EstimationMethod.MaximumLikelihood });
        var cost = objective.Cost;
        int order = lecturers + departments + 2 + 1;
        Assert.Equal(students, cost.SparseColumns);
        Assert.Equal(order, cost.DenseOrder);
        double cholesky = (double)order * order * order / 3;
        Assert.InRange(cost.FlopsPerEvaluation, cholesky, 1.1 * cholesky);
        Assert.InRange(cost.Bytes, 2L * 8 * order * order, 2L * 8 * order * order + 64L * 8 * lines.Length);
        Assert.Equal(0, objective.Evaluations);
    }

    [Fact]
    public void NestedDesignHasOnlyTheFixedEffectsDense()
    {
        var objective = LinearMixedModelObjective.Create("strength ~ 1 + (1 | batch/cask)", Datasets.Load("pastes"));
        var cost = objective.Cost;
        Assert.Equal(2, cost.DenseOrder);
        Assert.Equal(10 + 30, cost.SparseColumns);
        Assert.Contains("dense block of order 2", cost.ToString());
    }
}
