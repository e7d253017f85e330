using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Kenward and Roger's matrices (<see cref="KenwardRogerComponents"/>) for a fit with varIdent residual variances:
/// V = Z G Z' + sum_s sigma_s^2 Delta_s, linear in the random-effect covariance elements and in each stratum's residual
/// variance sigma_s^2 = sigma^2 delta_s^2 (Delta_s: the indicator of the stratum's rows), so pbkrtest's formulas apply
/// with one residual parameter per stratum. With W = diag(1 / delta_s^2), M = [Z X], C_s = M' Delta_s M and
/// C = sum_s C_s / delta_s^2: V^-1 M = sigma^-2 W M B with B = I - [S; 0] C_(Z,.) and S = Lambda (I + Lambda'C_ZZ Lambda)^-1 Lambda',
/// so every product reduces to the per-stratum (q+p)-square C_s, S and B; one stratum of weight 1 gives the
/// homoscedastic matrices.
/// </summary>
internal static class KenwardRogerStrataComponents
{
    public static KenwardRogerComponents Compute(LinearMixedModelFit fit)
    {
        var design = fit.Design;
        var variance = fit.VarianceFunction ?? throw new ArgumentException("the fit has no variance function", nameof(fit));
        if (design.PriorWeighted.Frame.Weights is not null)
            throw new ModelSpecificationException("Kenward-Roger's method is not available for models with prior weights");
        var bound = variance.Bound;
        int strata = bound.Strata.Count;
        var weights = design.Frame.Weights ?? throw new ArgumentException("the fit has no structure weights", nameof(fit));
        var stratumWeight = new double[strata];
        for (int i = 0; i < weights.Length; i++) stratumWeight[bound.StratumOf[i]] = weights[i];

        var terms = design.Terms;
        int p = design.X.Matrix.Columns.Length;
        var offsets = new int[terms.Count];
        int q = 0;
        for (int k = 0; k < terms.Count; k++) { offsets[k] = q; q += terms[k].RandomEffectCount; }
        int size = q + p;
        var raw = KenwardRogerComponents.CrossProducts(fit, offsets, size, bound.StratumOf, strata)
            .Select(v => Matrix<double>.Build.Dense(size, size, v)).ToArray();
        var c = Matrix<double>.Build.Dense(size, size);
        for (int s = 0; s < strata; s++) c += stratumWeight[s] * raw[s];

        var zz = c.SubMatrix(0, q, 0, q);
        var lambda = KenwardRogerComponents.LambdaMatrix(fit, offsets, q);
        var k1 = lambda.TransposeThisAndMultiply(zz * lambda) + Matrix<double>.Build.DenseIdentity(q);
        var sm = lambda * k1.Cholesky().Solve(lambda.Transpose());
        var b = Matrix<double>.Build.DenseIdentity(size);
        b.SetSubMatrix(0, 0, b.SubMatrix(0, q, 0, size) - sm * c.SubMatrix(0, q, 0, size));
        var r1 = c * b;
        var bx = b.SubMatrix(0, size, q, p);

        double s2 = fit.Sigma * fit.Sigma;
        var w1 = r1.SubMatrix(0, q, 0, q) / s2;
        var u = r1.SubMatrix(0, q, q, p) / s2;
        // N_s = M'V^-1 Delta_s V^-1 M = sigma^-4 B' w_s^2 C_s B
        var n = new Matrix<double>[strata];
        var rawZ = new Matrix<double>[strata];
        var sRawZZ = new Matrix<double>[strata];
        for (int s = 0; s < strata; s++)
        {
            double ws = stratumWeight[s];
            n[s] = b.TransposeThisAndMultiply(raw[s] * b) * (ws * ws / (s2 * s2));
            rawZ[s] = raw[s].SubMatrix(0, q, 0, size);
            sRawZZ[s] = sm * raw[s].SubMatrix(0, q, 0, q);
        }

        var entries = KenwardRogerComponents.ParameterEntries(fit, offsets);
        int e = entries.Count, g = e + strata;
        var du = entries.Select(en => KenwardRogerComponents.ApplyD(en, u)).ToArray();
        var w1du = du.Select(m => w1 * m).ToArray();
        var pp = new Matrix<double>[g];
        for (int i = 0; i < e; i++) pp[i] = -u.TransposeThisAndMultiply(du[i]);
        for (int s = 0; s < strata; s++) pp[e + s] = -n[s].SubMatrix(q, p, q, p);
        var qq = new Matrix<double>[g, g];
        var kt = new double[g, g];
        for (int i = 0; i < g; i++)
            for (int j = i; j < g; j++)
            {
                if (j < e)
                    (qq[i, j], kt[i, j]) = KenwardRogerComponents.RandomEffectPair(entries, du, w1du, w1, i, j);
                else if (i < e)
                {
                    var ns = n[j - e];
                    qq[i, j] = du[i].TransposeThisAndMultiply(ns.SubMatrix(0, q, q, p));
                    kt[i, j] = entries[i].Sum(en => ns[en.B, en.A]);
                }
                else
                {
                    int s = i - e, t = j - e;
                    double ws = stratumWeight[s], wt = stratumWeight[t];
                    // M'W Delta_s V^-1 Delta_t W M sigma^2 = [s == t] w_s^3 C_s - w_s^2 w_t^2 C_s(.,Z) S C_t(Z,.)
                    var inner = -(ws * ws * wt * wt) * rawZ[s].TransposeThisAndMultiply(sm * rawZ[t]);
                    if (s == t) inner += ws * ws * ws * raw[s];
                    qq[i, j] = bx.TransposeThisAndMultiply(inner * bx) / (s2 * s2 * s2);
                    double trace = ws * ws * wt * wt * sRawZZ[t].PointwiseMultiply(sRawZZ[s].Transpose()).RowSums().Sum();
                    if (s == t) trace += ws * ws * bound.StratumSizes[s] - 2 * ws * ws * ws * sRawZZ[s].Trace();
                    kt[i, j] = trace / (s2 * s2);
                }
                kt[j, i] = kt[i, j];
            }
        return new KenwardRogerComponents(pp, qq, kt);
    }
}
