using System.Numerics.Tensors;
using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// Cross products whose weights are the prior weights times a factor per stratum of rows (a residual variance
/// structure: w_i = prior_i / g_s(i)^2). With few strata, A_s = [Z X y]'W_s[Z X y] is computed once per stratum and an
/// update combines them, A = sum_s c_s A_s, without touching the rows; with many strata (a covariate with many distinct
/// values) an update recomputes A from the rows. Either way <see cref="Current"/> holds A for the last factors given;
/// its structure (levels, coupling rows) does not change, so a factor built on it stays valid.
/// </summary>
internal sealed class StratifiedCrossProducts
{
    /// <summary>The largest number of strata kept as separate cross products.</summary>
    public const int MaxStoredStrata = 64;

    private readonly IReadOnlyList<RandomEffectsTerm> _terms;
    private readonly IReadOnlyList<double[]> _x;
    private readonly double[] _y;
    private readonly double[] _prior;
    private readonly int[] _stratumOf;
    private readonly BlockedCrossProducts[]? _strata;
    private readonly double[] _rowWeights;

    public StratifiedCrossProducts(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<double[]> xColumns, double[] y,
        double[]? priorWeights, int[] stratumOf, int stratumCount)
    {
        _terms = terms;
        _x = xColumns;
        _y = y;
        _prior = priorWeights ?? Enumerable.Repeat(1.0, y.Length).ToArray();
        _stratumOf = stratumOf;
        _rowWeights = new double[y.Length];
        Current = new BlockedCrossProducts(terms, xColumns, y, _prior);
        if (stratumCount <= MaxStoredStrata)
        {
            _strata = new BlockedCrossProducts[stratumCount];
            for (int s = 0; s < stratumCount; s++)
            {
                for (int i = 0; i < y.Length; i++) _rowWeights[i] = stratumOf[i] == s ? _prior[i] : 0;
                _strata[s] = new BlockedCrossProducts(terms, xColumns, y, _rowWeights);
            }
        }
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
            var rebuilt = new BlockedCrossProducts(_terms, _x, _y, _rowWeights);
            Copy(rebuilt.Diagonal0, Current.Diagonal0);
            for (int g = 0; g < Current.LevelValues.Length; g++) Copy(rebuilt.LevelValues[g], Current.LevelValues[g]);
            Copy(rebuilt.Dense, Current.Dense);
            return;
        }
        var current = Current;
        Array.Clear(current.Diagonal0);
        foreach (var values in current.LevelValues) Array.Clear(values);
        Array.Clear(current.Dense);
        for (int s = 0; s < _strata.Length; s++)
        {
            double c = stratumFactors[s];
            var stratum = _strata[s];
            MultiplyAdd(stratum.Diagonal0, c, current.Diagonal0);
            for (int g = 0; g < current.LevelValues.Length; g++) MultiplyAdd(stratum.LevelValues[g], c, current.LevelValues[g]);
            MultiplyAdd(stratum.Dense, c, current.Dense);
        }
    }

    private static void MultiplyAdd(double[] x, double c, double[] target) =>
        TensorPrimitives.MultiplyAdd(x, c, target, target);

    private static void Copy(double[] from, double[] to) => Array.Copy(from, to, to.Length);
}
