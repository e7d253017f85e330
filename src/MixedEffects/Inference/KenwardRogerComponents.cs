using MathNet.Numerics.LinearAlgebra;
using MixedEffects.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// The matrices of Kenward and Roger's adjustment for a linear mixed model parameterized, as pbkrtest does, by the
/// elements of each term's covariance matrix and the residual variance (dV/dgamma = Z D Z' or I):
/// P_i = -X'V^-1 G_i V^-1 X, Q_ij = X'V^-1 G_i V^-1 G_j V^-1 X and tr(G_i V^-1 G_j V^-1).
/// No n x n matrix is formed: with M = [Z X] and V^-1 = sigma^-2 (I - Z S Z'), S = Lambda (I + Lambda'Z'Z Lambda)^-1 Lambda',
/// (I - Z S Z') M = M B for a (q+p)-square B, so every product reduces to M'M, S and B.
/// </summary>
internal sealed class KenwardRogerComponents
{
    internal KenwardRogerComponents(Matrix<double>[] p, Matrix<double>[,] q, double[,] ktrace)
    {
        P = p;
        Q = q;
        KTrace = ktrace;
    }

    /// <summary>P_i for each variance parameter (random-effect covariance elements, then the residual variance).</summary>
    public Matrix<double>[] P { get; }

    /// <summary>Q_ij for i &lt;= j (upper triangle filled).</summary>
    public Matrix<double>[,] Q { get; }

    /// <summary>tr(G_i V^-1 G_j V^-1).</summary>
    public double[,] KTrace { get; }

    public static KenwardRogerComponents Compute(LinearMixedModelEstimates fit)
    {
        if (fit is LinearMixedModelFit { Design.Frame.Weights: not null })
            throw new ModelSpecificationException("Kenward-Roger's method is not available for models with prior weights");
        var terms = fit.Terms;
        int n = fit.ObservationCount, p = fit.FixedEffectNames.Count;
        var offsets = new int[terms.Count];
        int q = 0;
        for (int k = 0; k < terms.Count; k++) { offsets[k] = q; q += terms[k].RandomEffectCount; }
        int size = q + p;

        if ((long)size * size > int.MaxValue)
            throw new ModelSpecificationException($"Kenward-Roger's method needs a dense matrix of order {size}, too large");
        // [Z X]'[Z X] read from the fit's blocked cross products (in memory or aggregated by an engine alike)
        var cross = AggregatedCrossProducts.Dense(fit.CrossProducts, offsets, size);
        var c = Matrix<double>.Build.Dense(size, size, cross);
        var zz = c.SubMatrix(0, q, 0, q);
        var lambda = LambdaMatrix(fit, offsets, q);
        var k1 = lambda.TransposeThisAndMultiply(zz * lambda) + Matrix<double>.Build.DenseIdentity(q);
        var s = lambda * k1.Cholesky().Solve(lambda.Transpose());
        var b = Matrix<double>.Build.DenseIdentity(size);
        b.SetSubMatrix(0, 0, b.SubMatrix(0, q, 0, size) - s * c.SubMatrix(0, q, 0, size));
        var r1 = c * b;
        var r2 = b.TransposeThisAndMultiply(r1);
        var bx = b.SubMatrix(0, size, q, p);
        var r3 = bx.TransposeThisAndMultiply(r1 * bx);

        double s2 = fit.Sigma * fit.Sigma;
        var w1 = r1.SubMatrix(0, q, 0, q) / s2;
        var u = r1.SubMatrix(0, q, q, p) / s2;
        var w2 = r2.SubMatrix(0, q, 0, q) / (s2 * s2);
        var v2 = r2.SubMatrix(0, q, q, p) / (s2 * s2);
        var xv2x = r2.SubMatrix(q, p, q, p) / (s2 * s2);
        var xv3x = r3 / (s2 * s2 * s2);
        var t = s * zz;
        double traceV2 = (n - 2 * t.Trace() + t.PointwiseMultiply(t.Transpose()).RowSums().Sum()) / (s2 * s2);

        var entries = ParameterEntries(fit, offsets);
        int g = entries.Count + 1, res = g - 1;
        var du = entries.Select(e => ApplyD(e, u)).ToArray();
        var w1du = du.Select(m => w1 * m).ToArray();
        var pp = new Matrix<double>[g];
        for (int i = 0; i < entries.Count; i++) pp[i] = -u.TransposeThisAndMultiply(du[i]);
        pp[res] = -xv2x;
        var qq = new Matrix<double>[g, g];
        var kt = new double[g, g];
        for (int i = 0; i < g; i++)
            for (int j = i; j < g; j++)
            {
                if (j < res)
                    (qq[i, j], kt[i, j]) = RandomEffectPair(entries, du, w1du, w1, i, j);
                else if (i < res)
                {
                    qq[i, j] = du[i].TransposeThisAndMultiply(v2);
                    kt[i, j] = entries[i].Sum(e => w2[e.B, e.A]);
                }
                else
                {
                    qq[i, j] = xv3x;
                    kt[i, j] = traceV2;
                }
                kt[j, i] = kt[i, j];
            }
        return new KenwardRogerComponents(pp, qq, kt);
    }

    /// <summary>
    /// Q_ij = (D_i u)' W1 (D_j u) and tr(D_i W1 D_j W1) for two random-effect covariance elements, W1 = Z'V^-1 Z and
    /// u = Z'V^-1 X.
    /// </summary>
    internal static (Matrix<double> Q, double Trace) RandomEffectPair(List<(int A, int B)[]> entries, Matrix<double>[] du,
        Matrix<double>[] w1du, Matrix<double> w1, int i, int j)
    {
        double tr = 0;
        foreach (var (a1, b1) in entries[i])
            foreach (var (a2, b2) in entries[j]) tr += w1[b1, a2] * w1[b2, a1];
        return (du[i].TransposeThisAndMultiply(w1du[j]), tr);
    }

    /// <summary>[Z X]' Delta_s [Z X] for each stratum s of the rows (<paramref name="stratumOf"/>), as symmetric (q+p)-square arrays.</summary>
    internal static double[][] CrossProducts(LinearMixedModelFit fit, int[] offsets, int size, int[] stratumOf, int strata)
    {
        var design = fit.Design;
        if ((long)size * size * strata > int.MaxValue)
            throw new ModelSpecificationException(strata == 1
                ? $"Kenward-Roger's method needs a dense matrix of order {size}, too large"
                : $"Kenward-Roger's method needs {strata} dense matrices of order {size}, too large");
        // one stratum's cross products at a time: its factor 1, every other stratum's 0
        var cross = new StratifiedCrossProducts(design.Terms, design.X.Matrix.Columns, design.Response, null, stratumOf, strata);
        var factors = new double[strata];
        var all = new double[strata][];
        for (int s = 0; s < strata; s++)
        {
            Array.Clear(factors);
            factors[s] = 1;
            cross.Update(factors);
            all[s] = AggregatedCrossProducts.Dense(cross.Current, offsets, size);
        }
        return all;
    }

    internal static Matrix<double> LambdaMatrix(LinearMixedModelEstimates fit, int[] offsets, int q)
    {
        var terms = fit.Terms;
        var theta = fit.Theta;
        var lambda = Matrix<double>.Build.Dense(q, q);
        int to = 0;
        for (int k = 0; k < terms.Count; k++)
        {
            var term = terms[k];
            int sk = term.ColumnCount;
            var block = new double[sk * sk];
            term.FillLambda(theta.AsSpan(to, term.ThetaCount), block);
            to += term.ThetaCount;
            for (int l = 0; l < term.LevelCount; l++)
            {
                int o = offsets[k] + l * sk;
                for (int i = 0; i < sk; i++)
                    for (int j = 0; j < sk; j++) lambda[o + i, o + j] = block[i * sk + j];
            }
        }
        return lambda;
    }

    /// <summary>
    /// For each covariance element (i, j), i &gt;= j, of each term: the non-zero positions of D, the derivative of the
    /// random effects' covariance matrix with respect to that element (both (a, b) and (b, a) off the diagonal).
    /// </summary>
    internal static List<(int A, int B)[]> ParameterEntries(LinearMixedModelEstimates fit, int[] offsets)
    {
        var terms = fit.Terms;
        var list = new List<(int A, int B)[]>();
        for (int k = 0; k < terms.Count; k++)
        {
            var term = terms[k];
            int sk = term.ColumnCount;
            for (int j = 0; j < sk; j++)
                for (int i = j; i < sk; i++)
                {
                    var e = new List<(int, int)>();
                    for (int l = 0; l < term.LevelCount; l++)
                    {
                        int o = offsets[k] + l * sk;
                        e.Add((o + i, o + j));
                        if (i != j) e.Add((o + j, o + i));
                    }
                    list.Add(e.ToArray());
                }
        }
        return list;
    }

    /// <summary>D m for a sparse symmetric 0/1 matrix D given by its non-zero positions.</summary>
    internal static Matrix<double> ApplyD((int A, int B)[] entries, Matrix<double> m)
    {
        var result = Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount);
        foreach (var (a, b) in entries)
            for (int col = 0; col < m.ColumnCount; col++) result[a, col] += m[b, col];
        return result;
    }
}
