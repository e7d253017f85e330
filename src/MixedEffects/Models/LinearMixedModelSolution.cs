using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// Fixed effects, spherical and scaled random effects, sigma and the fixed-effects covariance solved once from
/// an up-to-date blocked factor (lme4's <c>fixef</c>, <c>getME(m, "u")</c>, <c>ranef</c>, <c>sigma</c>, <c>vcov</c>).
/// </summary>
internal sealed class LinearMixedModelSolution
{
    public LinearMixedModelSolution(BlockedCholeskyFactor f, EstimationMethod method)
    {
        var a = f.CrossProducts;
        var terms = a.Terms;
        int p = a.P;
        var u = new double[terms.Sum(t => t.RandomEffectCount)];
        Beta = new double[p];
        f.Solve(u, Beta);
        SphericalEffects = new double[terms.Count][];
        for (int i = 0, offset = 0; i < terms.Count; offset += terms[i].RandomEffectCount, i++)
            SphericalEffects[i] = u.AsSpan(offset, terms[i].RandomEffectCount).ToArray();
        RandomEffects = f.ScaledEffects(u);

        int n = a.RowCount;
        double dof = method == EstimationMethod.Reml ? n - p : n;
        Sigma = Math.Sqrt(f.PenalizedRss / dof);
        FixedEffectsCovariance = f.UnscaledFixedEffectsCovariance();
        double s2 = Sigma * Sigma;
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) FixedEffectsCovariance[i, j] *= s2;
    }

    /// <summary>Fixed-effects estimates.</summary>
    public double[] Beta { get; }

    /// <summary>Spherical random effects u, per term, level-major (level g, column c at g s + c).</summary>
    public double[][] SphericalEffects { get; }

    /// <summary>Random effects b = Lambda u, per term, level-major.</summary>
    public double[][] RandomEffects { get; }

    /// <summary>Residual standard deviation.</summary>
    public double Sigma { get; }

    /// <summary>Covariance matrix of the fixed effects.</summary>
    public double[,] FixedEffectsCovariance { get; }
}
