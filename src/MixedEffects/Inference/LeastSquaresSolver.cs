namespace MixedEffects.Inference;

/// <summary>
/// Weighted least squares through the Cholesky factor of X'WX: coefficients, their unscaled covariance
/// (X'WX)^-1, the residual sum of squares and log|X'WX|. X must have full column rank (dependent columns are
/// dropped before, as lm and lme4 do).
/// </summary>
internal sealed class LeastSquaresSolver
{
    private LeastSquaresSolver(double[] coefficients, double[,] unscaledCovariance, double rss, double logDetCrossProduct,
        double sumLogWeights, int rowCount)
    {
        Coefficients = coefficients;
        UnscaledCovariance = unscaledCovariance;
        ResidualSumOfSquares = rss;
        LogDetCrossProduct = logDetCrossProduct;
        SumLogWeights = sumLogWeights;
        RowCount = rowCount;
    }

    public double[] Coefficients { get; }
    public double[,] UnscaledCovariance { get; }
    public double ResidualSumOfSquares { get; }

    /// <summary>log det(X'WX) = 2 sum log |diag R| of the QR factor.</summary>
    public double LogDetCrossProduct { get; }

    public double SumLogWeights { get; }
    public int RowCount { get; }
    public int ColumnCount => Coefficients.Length;

    /// <summary>Solves min sum w (y - X b)^2. <paramref name="weights"/> may be null.</summary>
    public static LeastSquaresSolver Solve(IReadOnlyList<double[]> columns, double[] y, double[]? weights)
    {
        int n = y.Length, p = columns.Count;
        var a = new double[p, p];
        var b = new double[p];
        for (int i = 0; i < p; i++)
        {
            var xi = columns[i];
            for (int j = 0; j <= i; j++)
            {
                var xj = columns[j];
                double s = 0;
                for (int r = 0; r < n; r++) s += (weights?[r] ?? 1.0) * xi[r] * xj[r];
                a[i, j] = s;
            }
            double t = 0;
            for (int r = 0; r < n; r++) t += (weights?[r] ?? 1.0) * xi[r] * y[r];
            b[i] = t;
        }
        var l = Cholesky(a, p);
        double logDet = 0;
        for (int i = 0; i < p; i++) logDet += 2 * Math.Log(l[i, i]);
        var inverse = InverseFromCholesky(l, p);
        var coef = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = 0;
            for (int j = 0; j < p; j++) s += inverse[i, j] * b[j];
            coef[i] = s;
        }
        double rss = 0, sumLogW = 0;
        for (int r = 0; r < n; r++)
        {
            double f = 0;
            for (int j = 0; j < p; j++) f += columns[j][r] * coef[j];
            double w = weights?[r] ?? 1.0;
            rss += w * (y[r] - f) * (y[r] - f);
            if (w > 0) sumLogW += Math.Log(w);
        }
        return new LeastSquaresSolver(coef, inverse, rss, logDet, sumLogW, n);
    }

    /// <summary>R's <c>logLik.lm</c>: the ML log-likelihood, or the REML one (with <c>REML = TRUE</c>).</summary>
    public double LogLikelihood(bool reml)
    {
        int p = ColumnCount;
        double nEff = reml ? RowCount - p : RowCount;
        double value = 0.5 * (SumLogWeights - nEff * (Math.Log(2 * Math.PI) + 1 - Math.Log(nEff) + Math.Log(ResidualSumOfSquares)));
        if (reml) value -= 0.5 * LogDetCrossProduct;
        return value;
    }

    private static double[,] Cholesky(double[,] a, int p)
    {
        var l = new double[p, p];
        for (int j = 0; j < p; j++)
        {
            double d = a[j, j];
            for (int k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (!(d > 0))
                throw new ModelSpecificationException("the fixed-effects cross-product matrix is not positive definite");
            l[j, j] = Math.Sqrt(d);
            for (int i = j + 1; i < p; i++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return l;
    }

    private static double[,] InverseFromCholesky(double[,] l, int p)
    {
        // inv(L) column by column, then inv(A) = inv(L)' inv(L)
        var li = new double[p, p];
        for (int c = 0; c < p; c++)
            for (int i = c; i < p; i++)
            {
                double s = i == c ? 1.0 : 0.0;
                for (int k = c; k < i; k++) s -= l[i, k] * li[k, c];
                li[i, c] = s / l[i, i];
            }
        var inv = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = i; k < p; k++) s += li[k, i] * li[k, j];
                inv[i, j] = s;
                inv[j, i] = s;
            }
        return inv;
    }
}
