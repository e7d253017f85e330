namespace MixedEffects.Data;

/// <summary>
/// Completes a contrast matrix with fewer than (levels - 1) columns as R's <c>contrasts&lt;-</c> does: the Householder QR
/// of <c>cbind(1, value)</c> (LINPACK's dqrdc2), Q applied to the identity (<c>qr.qy</c>), its columns 2..n, with the
/// given columns put back in front.
/// </summary>
internal static class CustomContrastCompletion
{
    /// <summary>The completed matrix [level, column] (the given matrix when it already has levels - 1 columns or more).</summary>
    /// <exception cref="ModelSpecificationException">The matrix has the wrong number of rows or is rank deficient.</exception>
    public static double[,] Complete(double[,] value, int levels)
    {
        int rows = value.GetLength(0), given = value.GetLength(1);
        if (rows != levels)
            throw new ModelSpecificationException($"the contrast matrix has {rows} rows but the factor has {levels} levels");
        if (given >= levels - 1) return (double[,])value.Clone();
        int p = given + 1, n = levels;
        var x = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = 1;
            for (int j = 0; j < given; j++) x[i, j + 1] = value[i, j];
        }
        var qraux = Decompose(x, n, p);
        var result = new double[n, n - 1];
        for (int col = 1; col < n; col++)
        {
            var y = new double[n];
            y[col] = 1;
            ApplyQ(x, qraux, n, p, y);
            for (int i = 0; i < n; i++) result[i, col - 1] = y[i];
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < given; j++) result[i, j] = value[i, j];
        return result;
    }

    private static double[] Decompose(double[,] x, int n, int p)
    {
        var qraux = new double[p];
        for (int l = 0; l < Math.Min(n, p); l++)
        {
            if (l == n - 1) break;
            double norm = 0;
            for (int i = l; i < n; i++) norm += x[i, l] * x[i, l];
            norm = Math.Sqrt(norm);
            if (norm < 1e-12)
                throw new ModelSpecificationException("the contrast matrix is rank deficient together with the intercept");
            if (x[l, l] != 0) norm = Math.CopySign(norm, x[l, l]);
            for (int i = l; i < n; i++) x[i, l] /= norm;
            x[l, l] += 1;
            for (int j = l + 1; j < p; j++)
            {
                double t = 0;
                for (int i = l; i < n; i++) t -= x[i, l] * x[i, j];
                t /= x[l, l];
                for (int i = l; i < n; i++) x[i, j] += t * x[i, l];
            }
            qraux[l] = x[l, l];
            x[l, l] = -norm;
        }
        return qraux;
    }

    private static void ApplyQ(double[,] x, double[] qraux, int n, int p, double[] y)
    {
        for (int j = Math.Min(p, n - 1) - 1; j >= 0; j--)
        {
            if (qraux[j] == 0) continue;
            double diagonal = x[j, j];
            x[j, j] = qraux[j];
            double t = 0;
            for (int i = j; i < n; i++) t -= x[i, j] * y[i];
            t /= x[j, j];
            for (int i = j; i < n; i++) y[i] += t * x[i, j];
            x[j, j] = diagonal;
        }
    }
}
