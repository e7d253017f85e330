using System.Runtime.CompilerServices;

namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The gradient with respect to theta of the profiled REML criterion or ML deviance from an up-to-date blocked factor,
/// without any matrix of order q + p. With A~ = [Z X]'W[Z X], Lambda~ = diag(Lambda, I) and
/// Omega = Lambda~' A~ Lambda~ + diag(I, 0) (the factor without the response):
/// <list type="bullet">
/// <item>d log|Omega| (REML; log|Lambda'Z'WZ Lambda + I| for ML) = tr(S dOmega) = 2 tr(dLambda X) with
/// X = S Lambda~' A~, S the inverse of Omega (of its random-effects block for ML). Only X's diagonal blocks per level
/// are needed, X_II = sum over blocks J of S_JI' Lambda_J' A~_JI, and A~ is nonzero only on the factor's pattern,
/// so S is needed only there (<see cref="SelectedInverse"/>);</item>
/// <item>the penalized residual sum of squares r^2 has, at the conditional solution (u, beta), derivative
/// -2 v' dLambda u with v = Z'W (y - X beta - Z Lambda u) = -(A w)_Z, w = [Lambda u; beta; -1] and A the stored
/// cross products of [Z X y];</item>
/// <item>the criterion is log|..| + d (1 + log(2 pi r^2 / d)) + const, d = n - p (REML) or n (ML), so its
/// derivative is d log|..| + d dr^2 / r^2.</item>
/// </list>
/// The cost is one selected inversion (the dense block's inverse and a pass over the front's pattern) and products
/// with the stored cross products: a small multiple of one evaluation.
/// </summary>
internal sealed class ProfiledCriterionGradient
{
    private readonly FactorLayout _l;
    private readonly BlockedCrossProducts _a;
    private readonly double[] _lambdas;
    private readonly int[] _lambdaOffsets;
    private readonly int[] _termOfSupernode;
    private readonly int[] _termOfDense;      // per dense random-effect index, its term
    private readonly double[][] _sums;        // per term, sum over levels of X_gg (s x s)
    private readonly double[] _w;             // [Lambda u; beta; -1]
    private readonly double[] _product;       // A w
    private readonly double[] _residual;      // Z'W (y - X beta - Z Lambda u)

    public ProfiledCriterionGradient(FactorLayout layout, BlockedCrossProducts a, double[] lambdas, int[] lambdaOffsets)
    {
        _l = layout;
        _a = a;
        _lambdas = lambdas;
        _lambdaOffsets = lambdaOffsets;
        var terms = layout.Terms;
        _termOfSupernode = new int[layout.SupernodeCount];
        for (int i = 0; i < layout.FrontTermCount; i++)
            Array.Fill(_termOfSupernode, i, layout.SupernodeOffsets[i], terms[i].LevelCount);
        _termOfDense = new int[layout.RestRandomEffects];
        for (int i = layout.FrontTermCount; i < terms.Count; i++)
            Array.Fill(_termOfDense, i, layout.RestOffsets[i], terms[i].RandomEffectCount);
        _sums = terms.Select(t => new double[t.ColumnCount * t.ColumnCount]).ToArray();
        _w = new double[layout.FrontSize + layout.M];
        _product = new double[layout.FrontSize + layout.M];
        _residual = new double[layout.FrontSize + layout.RestRandomEffects];
    }

    private ReadOnlySpan<double> Lambda(int term) =>
        _lambdas.AsSpan(_lambdaOffsets[term], _l.Terms[term].ColumnCount * _l.Terms[term].ColumnCount);

    /// <summary>
    /// Writes the gradient to <paramref name="gradient"/> (theta order: per term, lme4's column-major lower triangle).
    /// </summary>
    /// <param name="inverse">The selected inverse of the factor over Order = q_dense (ML) or q_dense + p (REML).</param>
    /// <param name="u">The spherical conditional modes (term order).</param>
    /// <param name="beta">The fixed effects.</param>
    /// <param name="dof">n - p (REML) or n (ML).</param>
    /// <param name="penalizedRss">r^2.</param>
    /// <param name="gradient">Receives the derivatives.</param>
    public void Compute(SelectedInverse inverse, ReadOnlySpan<double> u, ReadOnlySpan<double> beta, double dof, double penalizedRss,
        Span<double> gradient)
    {
        foreach (var sum in _sums) Array.Clear(sum);
        AddFront(inverse);
        AddDenseBlock(inverse);
        var v = ResidualCrossProducts(u, beta);
        var terms = _l.Terms;
        double factor = 2 * dof / penalizedRss;
        int kt = 0;
        for (int t = 0; t < terms.Count; t++)
        {
            int s = terms[t].ColumnCount, off = _l.TermOffsets[t];
            var sum = _sums[t];
            for (int c = 0; c < s; c++)
                for (int r = c; r < s; r++, kt++)
                {
                    double rss = 0;
                    for (int g = 0; g < terms[t].LevelCount; g++) rss += v[off + g * s + r] * u[off + g * s + c];
                    gradient[kt] = 2 * sum[c * s + r] - factor * rss;
                }
        }
    }

    /// <summary>
    /// The same gradient for scalar terms from the traces of S over each term's diagonal
    /// (<see cref="InverseDiagonalTraces"/>): with Lambda~ A~ Lambda~ = Omega - diag(I, 0) and
    /// dLambda~ / dtheta_t = P_t (term t's coordinates), tr(S dOmega) = 2 tr(S P_t A~ Lambda~)
    /// = (2 / theta_t) tr(S P_t (Omega - diag(I, 0))) = (2 / theta_t) (q_t - tr(S_tt)) for theta_t &gt; 0. At
    /// theta_t = 0 the derivative is 0: changing the sign of theta_t (and of u_t) leaves the criterion unchanged.
    /// </summary>
    /// <param name="traces">tr(S_tt) per term.</param>
    /// <param name="u">The spherical conditional modes (term order).</param>
    /// <param name="beta">The fixed effects.</param>
    /// <param name="dof">n - p (REML) or n (ML).</param>
    /// <param name="penalizedRss">r^2.</param>
    /// <param name="gradient">Receives the derivatives (one per term).</param>
    public void ComputeFromTraces(ReadOnlySpan<double> traces, ReadOnlySpan<double> u, ReadOnlySpan<double> beta, double dof,
        double penalizedRss, Span<double> gradient)
    {
        var v = ResidualCrossProducts(u, beta);
        var terms = _l.Terms;
        double factor = 2 * dof / penalizedRss;
        for (int t = 0; t < terms.Count; t++)
        {
            int off = _l.TermOffsets[t], q = terms[t].LevelCount;
            double rss = 0;
            for (int g = 0; g < q; g++) rss += v[off + g] * u[off + g];
            double theta = Lambda(t)[0];
            gradient[t] = theta == 0 ? 0 : 2 / theta * (q - traces[t]) - factor * rss;
        }
    }

    /// <summary>The contributions of the front's blocks, supernode by supernode.</summary>
    private unsafe void AddFront(SelectedInverse inverse)
    {
        int width = _l.Terms.Max(t => t.ColumnCount);
        double* tmp = stackalloc double[width * width];
        for (int k = 0; k < _l.SupernodeCount; k++) AddSupernode(k, inverse, tmp);
    }

    /// <summary>The contributions of the blocks stored in supernode k's column (its diagonal, front and dense rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void AddSupernode(int k, SelectedInverse inverse, double* tmp)
    {
        var l = _l;
        int t = _termOfSupernode[k], s = l.Width[k];
        int d0 = l.DiagonalOffset[k];
        double one = 1.0;
        fixed (double* lambdas = _lambdas, sumK = _sums[t], sDiag = inverse.Diagonal, aDiag = _a.Diagonal)
        {
            double* lamK = lambdas + _lambdaOffsets[t];
            AddRowSide(sDiag + d0, lamK, aDiag + d0, s, s, sumK, tmp);
            var fr = l.FrontRows[k];
            fixed (double* sFront = inverse.Front(k), aFront = _a.FrontValues[k])
            {
                int e = 0;
                while (e < fr.Length)
                {
                    int kt = l.SupernodeOfColumn[fr[e]], tt = _termOfSupernode[kt], st = l.Width[kt];
                    fixed (double* sumT = _sums[tt])
                    {
                        AddRowSide(sFront + e * s, lambdas + _lambdaOffsets[tt], aFront + e * s, st, s, sumK, tmp);
                        AddColumnSide(sFront + e * s, lamK, aFront + e * s, st, s, sumT, tmp);
                    }
                    e += st;
                }
            }
            var dr = l.DenseRows[k];
            var sDenseSpan = inverse.Dense(k);
            int nd = sDenseSpan.Length / s, qr = l.RestRandomEffects;
            fixed (double* sDense = sDenseSpan, aDense = _a.DenseValues[k])
            {
                int e = 0;
                while (e < nd)
                {
                    if (dr[e] >= qr)
                    {
                        AddRowSide(sDense + e * s, &one, aDense + e * s, 1, s, sumK, tmp);
                        e++;
                        continue;
                    }
                    int td = _termOfDense[dr[e]], sd = l.Terms[td].ColumnCount;
                    fixed (double* sumD = _sums[td])
                    {
                        AddRowSide(sDense + e * s, lambdas + _lambdaOffsets[td], aDense + e * s, sd, s, sumK, tmp);
                        AddColumnSide(sDense + e * s, lamK, aDense + e * s, sd, s, sumD, tmp);
                    }
                    e += sd;
                }
            }
        }
    }

    /// <summary>
    /// target (s x s) += S_JI' Lambda_J' A_JI for the sj x s blocks S_JI and A_JI of block I's column (I the target's
    /// level), with sj x s doubles of scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddRowSide(double* sBlock, double* lamJ, double* aBlock, int sj, int s, double* target, double* tmp)
    {
        for (int a = 0; a < sj; a++)
            for (int r = 0; r < s; r++)
            {
                double v = 0;
                for (int b = a; b < sj; b++) v += lamJ[b * sj + a] * aBlock[b * s + r];
                tmp[a * s + r] = v;
            }
        for (int c = 0; c < s; c++)
            for (int r = 0; r < s; r++)
            {
                double v = 0;
                for (int a = 0; a < sj; a++) v += sBlock[a * s + c] * tmp[a * s + r];
                target[c * s + r] += v;
            }
    }

    /// <summary>
    /// target (sj x sj, block J's level) += S_IJ' Lambda_I' A_IJ with S_IJ = S_JI' and A_IJ = A_JI', from the sj x s
    /// blocks S_JI and A_JI stored in block I's column, with sj x s doubles of scratch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddColumnSide(double* sBlock, double* lamI, double* aBlock, int sj, int s, double* target, double* tmp)
    {
        for (int r = 0; r < sj; r++)
            for (int a = 0; a < s; a++)
            {
                double v = 0;
                for (int b = a; b < s; b++) v += aBlock[r * s + b] * lamI[b * s + a];
                tmp[r * s + a] = v;
            }
        for (int c = 0; c < sj; c++)
            for (int r = 0; r < sj; r++)
            {
                double v = 0;
                for (int a = 0; a < s; a++) v += sBlock[c * s + a] * tmp[r * s + a];
                target[c * sj + r] += v;
            }
    }

    /// <summary>The contributions of the dense block: X_II += sum over m of (Lambda~ S)[m, c] A[m, r] for each dense level I.</summary>
    private void AddDenseBlock(SelectedInverse inverse)
    {
        var l = _l;
        int n = inverse.Order, m = l.M, qr = l.RestRandomEffects;
        if (qr == 0) return;
        var sd = inverse.DenseBlock;
        var dense = _a.Dense;
        var column = new double[n];
        var aColumn = new double[n];
        int i0 = 0;
        while (i0 < qr)
        {
            int t = _termOfDense[i0], s = l.Terms[t].ColumnCount;
            var sum = _sums[t];
            for (int c = 0; c < s; c++)
            {
                // column = Lambda~ S[:, i0 + c]
                var sc = sd.AsSpan((i0 + c) * n, n);
                int j = 0;
                while (j < n)
                {
                    if (j >= qr) { column[j] = sc[j]; j++; continue; }
                    int tj = _termOfDense[j], sj = l.Terms[tj].ColumnCount;
                    var lam = Lambda(tj);
                    for (int a = 0; a < sj; a++)
                    {
                        double v = 0;
                        for (int b = 0; b <= a; b++) v += lam[a * sj + b] * sc[j + b];
                        column[j + a] = v;
                    }
                    j += sj;
                }
                for (int r = 0; r < s; r++)
                {
                    int ri = i0 + r;
                    for (int mm = 0; mm < n; mm++) aColumn[mm] = mm >= ri ? dense[mm * m + ri] : dense[ri * m + mm];
                    double v = 0;
                    for (int mm = 0; mm < n; mm++) v += column[mm] * aColumn[mm];
                    sum[c * s + r] += v;
                }
            }
            i0 += s;
        }
    }

    /// <summary>v = Z'W (y - X beta - Z Lambda u) for every random effect (term order), as -(A w) with w = [Lambda u; beta; -1].</summary>
    private double[] ResidualCrossProducts(ReadOnlySpan<double> u, ReadOnlySpan<double> beta)
    {
        var l = _l;
        var terms = l.Terms;
        int fs = l.FrontSize, m = l.M, qr = l.RestRandomEffects;
        var w = _w;
        for (int t = 0; t < terms.Count; t++)
        {
            int s = terms[t].ColumnCount, off = l.TermOffsets[t];
            var lam = Lambda(t);
            for (int g = 0; g < terms[t].LevelCount; g++)
                for (int r = 0; r < s; r++)
                {
                    double v = 0;
                    for (int c = 0; c <= r; c++) v += lam[r * s + c] * u[off + g * s + c];
                    w[off + g * s + r] = v;
                }
        }
        for (int j = 0; j < l.P; j++) w[fs + qr + j] = beta[j];
        w[fs + m - 1] = -1;
        var product = _product;
        Array.Clear(product);
        for (int k = 0; k < l.SupernodeCount; k++)
        {
            int s = l.Width[k], c0 = l.ColumnStart[k], d0 = l.DiagonalOffset[k];
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++) product[c0 + a] += _a.Diagonal[d0 + a * s + b] * w[c0 + b];
            AddCoupling(_a.FrontValues[k], l.FrontRows[k], 0, s, c0, w, product);
            AddCoupling(_a.DenseValues[k], l.DenseRows[k], fs, s, c0, w, product);
        }
        var dense = _a.Dense;
        for (int i = 0; i < m; i++)
        {
            double wi = w[fs + i], v = 0;
            for (int j = 0; j < i; j++)
            {
                double aij = dense[i * m + j];
                v += aij * w[fs + j];
                product[fs + j] += aij * wi;
            }
            product[fs + i] += v + dense[i * m + i] * wi;
        }
        var result = _residual;
        for (int i = 0; i < result.Length; i++) result[i] = -product[i];
        return result;
    }

    /// <summary>product += A w over the stored coupling rows (rows x s) of one supernode, both triangles.</summary>
    private static void AddCoupling(ReadOnlySpan<double> values, int[] rows, int rowOffset, int s, int c0, double[] w, double[] product)
    {
        for (int e = 0; e < rows.Length; e++)
        {
            int row = rowOffset + rows[e];
            double v = 0, wr = w[row];
            for (int c = 0; c < s; c++)
            {
                double a = values[e * s + c];
                v += a * w[c0 + c];
                product[c0 + c] += a * wr;
            }
            product[row] += v;
        }
    }
}
