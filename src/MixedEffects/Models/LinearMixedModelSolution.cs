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
        int m = a.M, qr = a.RestRandomEffects, p = a.P, s0 = a.S0;
        var x = new double[m - 1];
        for (int j = 0; j < m - 1; j++) x[j] = f.Dense[(m - 1) * m + j];
        DenseCholesky.SolveLowerTransposed(f.Dense, m, m - 1, x);

        Beta = x.AsSpan(qr, p).ToArray();
        var terms = a.Terms;
        SphericalEffects = new double[terms.Count][];
        SphericalEffects[0] = new double[a.L0 * s0];
        var c = new double[s0];
        for (int g = 0; g < a.L0; g++)
        {
            Array.Clear(c);
            var rows = a.LevelRows[g];
            var b = f.B[g];
            for (int e = 0; e < rows.Length; e++)
            {
                if (rows[e] == m - 1)
                    for (int k = 0; k < s0; k++) c[k] += b[e * s0 + k];
                else
                    for (int k = 0; k < s0; k++) c[k] -= b[e * s0 + k] * x[rows[e]];
            }
            SmallDense.SolveLowerTransposed(f.L0.AsSpan(g * s0 * s0, s0 * s0), s0, c);
            Array.Copy(c, 0, SphericalEffects[0], g * s0, s0);
        }
        for (int i = 1; i < terms.Count; i++)
            SphericalEffects[i] = x.AsSpan(a.RestOffsets[i], terms[i].RandomEffectCount).ToArray();

        RandomEffects = new double[terms.Count][];
        for (int i = 0; i < terms.Count; i++)
        {
            int s = terms[i].ColumnCount;
            var lam = f.Lambda(i);
            var u = SphericalEffects[i];
            var bvals = new double[u.Length];
            for (int g = 0; g < terms[i].LevelCount; g++)
                for (int r = 0; r < s; r++)
                {
                    double v = 0;
                    for (int t = 0; t <= r; t++) v += lam[r * s + t] * u[g * s + t];
                    bvals[g * s + r] = v;
                }
            RandomEffects[i] = bvals;
        }

        int n = a.RowCount;
        double dof = method == EstimationMethod.Reml ? n - p : n;
        Sigma = Math.Sqrt(f.PenalizedRss / dof);

        // vcov(beta) = sigma^2 (L_X L_X')^{-1}
        var lxInv = new double[p * p];
        for (int j = 0; j < p; j++)
        {
            var e = new double[p];
            e[j] = 1;
            for (int i = 0; i < p; i++)
            {
                double v = e[i];
                for (int t = 0; t < i; t++) v -= f.Dense[(qr + i) * m + qr + t] * e[t];
                e[i] = v / f.Dense[(qr + i) * m + qr + i];
            }
            for (int i = 0; i < p; i++) lxInv[i * p + j] = e[i];
        }
        FixedEffectsCovariance = new double[p, p];
        double s2 = Sigma * Sigma;
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
            {
                double v = 0;
                for (int t = 0; t < p; t++) v += lxInv[t * p + i] * lxInv[t * p + j];
                FixedEffectsCovariance[i, j] = s2 * v;
            }
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
