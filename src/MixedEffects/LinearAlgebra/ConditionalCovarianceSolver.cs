namespace MixedEffects.LinearAlgebra;

/// <summary>
/// The diagonal blocks of (L_Z L_Z')^-1 from a blocked factor without forming anything of order q squared beyond
/// the dense block (<see cref="SelectedInverse"/> over the random-effects rows), scaled to sigma^2 Lambda Z_gg Lambda'.
/// </summary>
internal sealed class ConditionalCovarianceSolver(FactorLayout layout, double[] diag, BlockValues front, BlockValues dense,
    double[] denseFactor, double[] lambdas, int[] lambdaOffsets)
{
    public double[][] Compute(double sigma)
    {
        var l = layout;
        int qr = l.RestRandomEffects;
        var inverse = new SelectedInverse(l, qr);
        inverse.Compute(diag, front, dense, denseFactor);
        var terms = l.Terms;
        var result = new double[terms.Count][];
        double s2 = sigma * sigma;
        for (int ti = 0; ti < terms.Count; ti++)
        {
            int s = terms[ti].ColumnCount;
            var lam = lambdas.AsSpan(lambdaOffsets[ti], s * s).ToArray();
            var r = new double[terms[ti].LevelCount * s * s];
            for (int g = 0; g < terms[ti].LevelCount; g++)
            {
                var cov = new double[s * s];
                if (ti < l.FrontTermCount)
                {
                    int k = l.SupernodeOffsets[ti] + g;
                    Array.Copy(inverse.Diagonal, l.DiagonalOffset[k], cov, 0, s * s);
                }
                else
                {
                    int o = l.DenseIndex(ti, g, 0);
                    for (int i = 0; i < s; i++)
                        for (int j = 0; j < s; j++) cov[i * s + j] = inverse.DenseBlock[(o + i) * qr + o + j];
                }
                WriteScaled(lam, cov, s, s2, r.AsSpan(g * s * s, s * s));
            }
            result[ti] = r;
        }
        return result;
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
