using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// Conditional covariance of the random effects given the data at the estimates (lme4's <c>postVar</c>):
/// sigma^2 Lambda [(L_Z L_Z')^-1]_gg Lambda' for each level g, from the blocked factor without forming
/// anything of order n. Serves linear models (sigma = the residual standard deviation) and generalized models
/// (sigma = 1); the factor's coupling blocks already include the later terms' lambda after
/// <see cref="BlockedCholeskyFactor.Update"/>.
/// </summary>
internal static class ConditionalVariances
{
    /// <summary>
    /// Per term, per level, the s x s covariance (row-major), concatenated level-major, for the theta of the factor's
    /// last <see cref="BlockedCholeskyFactor.Update"/>; <paramref name="sigma"/> scales the result by sigma^2.
    /// </summary>
    public static double[][] Compute(BlockedCholeskyFactor f, double sigma)
    {
        var a = f.CrossProducts;
        int m = a.M, qr = a.RestRandomEffects, s0 = a.S0;
        // Explicit inverse of the random-effects part of the dense factor, lower triangular, row-major qr x qr.
        var inv = new double[qr * qr];
        Parallel.For(0, qr, j =>
        {
            // column j of L^{-1}: solve L x = e_j, x_i = 0 for i < j
            var col = new double[qr];
            col[j] = 1;
            for (int i = j; i < qr; i++)
            {
                double v = col[i];
                int ri = i * m;
                for (int t = j; t < i; t++) v -= f.Dense[ri + t] * col[t];
                col[i] = v / f.Dense[ri + i];
            }
            for (int i = j; i < qr; i++) inv[i * qr + j] = col[i];
        });

        var terms = a.Terms;
        var result = new double[terms.Count][];
        double s2 = sigma * sigma;

        // first term
        var r0 = new double[a.L0 * s0 * s0];
        Parallel.For(0, a.L0, g =>
        {
            var rows = a.LevelRows[g];
            var b = f.B[g];
            var w = new double[qr * s0];
            for (int e = 0; e < rows.Length; e++)
            {
                int idx = rows[e];
                if (idx >= qr) continue;
                for (int t = idx; t < qr; t++)
                {
                    double lt = inv[t * qr + idx];
                    if (lt == 0) continue;
                    for (int k = 0; k < s0; k++) w[t * s0 + k] += lt * b[e * s0 + k];
                }
            }
            var mid = new double[s0 * s0];
            for (int i = 0; i < s0; i++)
                for (int j = 0; j < s0; j++)
                {
                    double v = i == j ? 1 : 0;
                    for (int t = 0; t < qr; t++) v += w[t * s0 + i] * w[t * s0 + j];
                    mid[i * s0 + j] = v;
                }
            var l0 = f.L0.AsSpan(g * s0 * s0, s0 * s0).ToArray();
            var cov = InverseSandwich(l0, mid, s0);
            WriteScaled(f.Lambda(0).ToArray(), cov, s0, s2, r0.AsSpan(g * s0 * s0, s0 * s0));
        });
        result[0] = r0;

        for (int ti = 1; ti < terms.Count; ti++)
        {
            int s = terms[ti].ColumnCount;
            var lam = f.Lambda(ti).ToArray();
            var r = new double[terms[ti].LevelCount * s * s];
            for (int g = 0; g < terms[ti].LevelCount; g++)
            {
                int o = a.RestOffsets[ti] + g * s;
                var cov = new double[s * s];
                for (int i = 0; i < s; i++)
                    for (int j = 0; j < s; j++)
                    {
                        double v = 0;
                        for (int t = o + Math.Max(i, j); t < qr; t++) v += inv[t * qr + o + i] * inv[t * qr + o + j];
                        cov[i * s + j] = v;
                    }
                WriteScaled(lam, cov, s, s2, r.AsSpan(g * s * s, s * s));
            }
            result[ti] = r;
        }
        return result;
    }

    /// <summary>L^{-T} mid L^{-1} for a small lower-triangular L.</summary>
    private static double[] InverseSandwich(double[] l, double[] mid, int s)
    {
        var linv = new double[s * s];
        for (int j = 0; j < s; j++)
        {
            var e = new double[s];
            e[j] = 1;
            SmallDense.SolveLower(l, s, e);
            for (int i = 0; i < s; i++) linv[i * s + j] = e[i];
        }
        var res = new double[s * s];
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int t = 0; t < s; t++)
                    for (int u = 0; u < s; u++) v += linv[t * s + i] * mid[t * s + u] * linv[u * s + j];
                res[i * s + j] = v;
            }
        return res;
    }

    private static void WriteScaled(double[] lambda, double[] cov, int s, double s2, Span<double> target)
    {
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++)
            {
                double v = 0;
                for (int t = 0; t < s; t++)
                    for (int u = 0; u < s; u++) v += lambda[i * s + t] * cov[t * s + u] * lambda[j * s + u];
                target[i * s + j] = s2 * v;
            }
    }
}
