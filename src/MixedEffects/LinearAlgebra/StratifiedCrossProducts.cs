using System.Numerics.Tensors;
using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Cross products whose weights are the prior weights times a factor per stratum of rows (a residual variance
/// structure: w_i = prior_i / g_s(i)^2). With few strata, the values of A_s = [Z X y]'W_s[Z X y] are computed once per
/// stratum (one pass over the observations in all) and an update combines them, A = sum_s c_s A_s, without touching
/// the rows; with many strata (a covariate with many distinct values) an update reweights A from the rows. Either way
/// <see cref="Current"/> holds A for the last factors given, in one layout, so a factor built on it stays valid.
/// </summary>
internal sealed class StratifiedCrossProducts
{
    /// <summary>The largest number of strata kept as separate cross products.</summary>
    public const int MaxStoredStrata = 64;

    private readonly double[] _y;
    private readonly double[] _prior;
    private readonly int[] _stratumOf;
    private readonly StoredValues[]? _strata;
    private readonly double[] _rowWeights;

    /// <summary>One stratum's values in the layout of <see cref="Current"/>.</summary>
    private sealed record StoredValues(double[] Diagonal, BlockValues FrontValues, BlockValues DenseValues, double[] Dense);

    public StratifiedCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, double[] y,
        double[]? priorWeights, int[] stratumOf, int stratumCount)
    {
        _y = y;
        _prior = priorWeights ?? Enumerable.Repeat(1.0, y.Length).ToArray();
        _stratumOf = stratumOf;
        _rowWeights = new double[y.Length];
        Current = new BlockedCrossProducts(terms, xColumns, y, priorWeights);
        if (stratumCount > MaxStoredStrata) return;
        _strata = new StoredValues[stratumCount];
        for (int s = 0; s < stratumCount; s++)
        {
            // rows of other strata have weight 0 and are skipped: one pass over the observations in all
            for (int i = 0; i < y.Length; i++) _rowWeights[i] = stratumOf[i] == s ? _prior[i] : 0;
            Current.Reweight(_rowWeights, y);
            _strata[s] = new StoredValues((double[])Current.Diagonal.Clone(), Current.FrontValues.Copy(),
                Current.DenseValues.Copy(), (double[])Current.Dense.Clone());
        }
        Current.Reweight(priorWeights, y);
    }

    /// <summary>The cross products for the last factors given (prior weights until the first update).</summary>
    public BlockedCrossProducts Current { get; }

    /// <summary>True when updates combine stored per-stratum cross products (no work per row).</summary>
    public bool CombinesStrata => _strata is not null;

    /// <summary>Sets A for the weight factor c_s of each stratum (w_i = prior_i c_s(i)).</summary>
    public void Update(ReadOnlySpan<double> stratumFactors)
    {
        if (_strata is null)
        {
            for (int i = 0; i < _rowWeights.Length; i++) _rowWeights[i] = _prior[i] * stratumFactors[_stratumOf[i]];
            Current.Reweight(_rowWeights, _y);
            return;
        }
        var current = Current;
        Array.Clear(current.Diagonal);
        current.FrontValues.Clear();
        current.DenseValues.Clear();
        Array.Clear(current.Dense);
        for (int s = 0; s < _strata.Length; s++)
        {
            double c = stratumFactors[s];
            var stratum = _strata[s];
            MultiplyAdd(stratum.Diagonal, c, current.Diagonal);
            for (int k = 0; k < current.FrontValues.Count; k++) MultiplyAdd(stratum.FrontValues[k], c, current.FrontValues[k]);
            for (int k = 0; k < current.DenseValues.Count; k++) MultiplyAdd(stratum.DenseValues[k], c, current.DenseValues[k]);
            MultiplyAdd(stratum.Dense, c, current.Dense);
        }
    }

    private static void MultiplyAdd(ReadOnlySpan<double> x, double c, Span<double> target)
    {
        if (x.Length > 0) TensorPrimitives.MultiplyAdd(x, c, target, target);
    }
}
