using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MixedEffects.Design;

namespace MixedEffects.LinearAlgebra;

/// <summary>The linear predictor eta = offset + X beta + Z b, part by part, for the observations of the model matrices.</summary>
internal static class LinearPredictor
{
    /// <summary>eta += X beta, column after column (each addition as a plain loop would make it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void AddFixed(double[] eta, IReadOnlyList<double[]> x, ReadOnlySpan<double> beta)
    {
        int n = eta.Length;
        fixed (double* e = eta)
        {
            for (int j = 0; j < x.Count; j++)
            {
                double bj = beta[j];
                fixed (double* col = x[j])
                {
                    int i = 0;
                    if (Vector256.IsHardwareAccelerated)
                    {
                        var vb = Vector256.Create(bj);
                        for (; i <= n - 4; i += 4) Vector256.Store(Vector256.Load(e + i) + Vector256.Load(col + i) * vb, e + i);
                    }
                    for (; i < n; i++) e[i] += col[i] * bj;
                }
            }
        }
    }

    /// <summary>
    /// eta += Z_t b for one term's random effects b (level-major), column after column within a row; an observation
    /// with level code -1 (a group not seen in fitting) gets nothing.
    /// </summary>
    public static void AddRandom(double[] eta, RandomEffectsTerm term, ReadOnlySpan<double> b)
    {
        int s = term.ColumnCount;
        for (int r = 0; r < eta.Length; r++)
        {
            int g = term.Code(r);
            if (g < 0) continue;
            for (int c = 0; c < s; c++) eta[r] += term.Value(r, c) * b[g * s + c];
        }
    }

    /// <summary>
    /// eta = baseline + Z Lambda u for spherical effects u (all terms, term order, level-major) and the factor's lambda:
    /// term after term, or both terms in one pass when there are two scalar terms (the same additions in the same order).
    /// </summary>
    public static void SetSpherical(double[] eta, ReadOnlySpan<double> baseline, IReadOnlyList<RandomEffectsTerm> terms,
        BlockedCholeskyFactor factor, ReadOnlySpan<double> u)
    {
        if (terms.Count == 2 && terms[0].ColumnCount == 1 && terms[1].ColumnCount == 1)
        {
            SetTwoScalarTerms(eta, baseline, terms[0], factor.Lambda(0)[0], terms[1], factor.Lambda(1)[0], u);
            return;
        }
        baseline.CopyTo(eta);
        for (int t = 0, offset = 0; t < terms.Count; offset += terms[t].RandomEffectCount, t++)
            AddSpherical(eta, terms[t], factor.Lambda(t), u.Slice(offset, terms[t].RandomEffectCount));
    }

    /// <summary>
    /// eta += Z b with b = <paramref name="scale"/> Lambda u for spherical effects u (all terms, term order, level-major)
    /// and Lambda at <paramref name="theta"/> (the terms' slices in term order): term after term, b by
    /// <see cref="ScaleEffects"/> and then <see cref="AddRandom"/>.
    /// </summary>
    public static void AddScaledSpherical(double[] eta, IReadOnlyList<RandomEffectsTerm> terms, ReadOnlySpan<double> theta,
        ReadOnlySpan<double> u, double scale)
    {
        for (int t = 0, thetaOffset = 0, offset = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            var lambda = new double[term.ColumnCount * term.ColumnCount];
            term.FillLambda(theta.Slice(thetaOffset, term.ThetaCount), lambda);
            var b = new double[term.RandomEffectCount];
            ScaleEffects(term.ColumnCount, lambda, u.Slice(offset, b.Length), b);
            for (int i = 0; i < b.Length; i++) b[i] = scale * b[i];
            AddRandom(eta, term, b);
            thetaOffset += term.ThetaCount;
            offset += term.RandomEffectCount;
        }
    }

    /// <summary>
    /// b = Lambda u for one term's spherical effects u (level-major, <paramref name="s"/> per level) and its lambda
    /// (s x s, row-major lower triangular).
    /// </summary>
    public static void ScaleEffects(int s, ReadOnlySpan<double> lambda, ReadOnlySpan<double> u, Span<double> b)
    {
        for (int g = 0; g < b.Length / s; g++)
            for (int r = 0; r < s; r++)
            {
                double v = 0;
                for (int t = 0; t <= r; t++) v += lambda[r * s + t] * u[g * s + t];
                b[g * s + r] = v;
            }
    }

    /// <summary>eta = baseline + Z_0 lambda_0 u_0 + Z_1 lambda_1 u_1 for two scalar terms in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SetTwoScalarTerms(double[] eta, ReadOnlySpan<double> baseline, RandomEffectsTerm t0, double l0,
        RandomEffectsTerm t1, double l1, ReadOnlySpan<double> u)
    {
        int n = eta.Length, off1 = t0.RandomEffectCount;
        fixed (double* e = eta, b = baseline, v0 = t0.Values, v1 = t1.Values, pu = u)
        fixed (int* c0 = t0.Codes, c1 = t1.Codes)
        {
            for (int i = 0; i < n; i++)
            {
                double x = b[i] + v0[i] * l0 * pu[c0[i]];
                e[i] = x + v1[i] * l1 * pu[off1 + c1[i]];
            }
        }
    }

    /// <summary>eta += Z_t Lambda_t u for one term's spherical effects u (level-major) and its lambda (s x s, row-major).</summary>
    public static void AddSpherical(double[] eta, RandomEffectsTerm term, ReadOnlySpan<double> lambda, ReadOnlySpan<double> u)
    {
        int s = term.ColumnCount;
        if (s == 1)
        {
            double l = lambda[0];
            var codes = term.Codes;
            for (int i = 0; i < eta.Length; i++) eta[i] += term.Value(i, 0) * l * u[codes[i]];
            return;
        }
        for (int i = 0; i < eta.Length; i++)
        {
            int g = term.Code(i);
            double v = 0;
            for (int r = 0; r < s; r++)
            {
                double br = 0;
                for (int c = 0; c <= r; c++) br += lambda[r * s + c] * u[g * s + c];
                v += term.Value(i, r) * br;
            }
            eta[i] += v;
        }
    }
}
