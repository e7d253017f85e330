namespace MixedEffects.Models;

/// <summary>
/// What one evaluation of the criterion costs, estimated from the level structure before fitting: the memory the
/// factor and its cross products hold, and the floating-point operations of one factorization (the sparse front's
/// eliminations, its contribution to the dense block, and the dense Cholesky). A fit takes one factorization per
/// evaluation; the number of evaluations depends on the optimizer (typically 20-100 per covariance parameter group).
/// </summary>
/// <param name="Bytes">Bytes of the factor's values and the cross products they are computed from.</param>
/// <param name="FlopsPerEvaluation">Floating-point operations of one factorization (multiply and add counted apart).</param>
/// <param name="DenseOrder">Order of the dense block (random effects of crossed terms, fixed effects and the response).</param>
/// <param name="SparseColumns">Random effects in the sparse front (the first term and the terms nested in it).</param>
public sealed record EvaluationCost(long Bytes, double FlopsPerEvaluation, int DenseOrder, int SparseColumns)
{
    /// <summary>One line for people: "factor 12.3 MB (dense block of order 1145), about 0.51 GFLOP per evaluation".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"factor {Bytes / 1048576.0:0.0} MB (dense block of order {DenseOrder}, {SparseColumns} sparse columns), about {FlopsPerEvaluation / 1e9:0.###} GFLOP per evaluation");
}
