namespace MixedEffects.Marginal;

/// <summary>Small dense linear algebra for marginal means: quadratic forms, Wald statistics and ranks.</summary>
internal static class MarginalAlgebra
{
    /// <summary>c' V c.</summary>
    public static double QuadraticForm(ReadOnlySpan<double> c, double[,] v)
    {
        int p = c.Length;
        double s = 0;
        for (int i = 0; i < p; i++)
        {
            if (c[i] == 0) continue;
            double row = 0;
            for (int j = 0; j < p; j++) row += v[i, j] * c[j];
            s += c[i] * row;
        }
        return s;
    }

    /// <summary>c' b.</summary>
    public static double Dot(ReadOnlySpan<double> c, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < c.Length; i++) s += c[i] * b[i];
        return s;
    }

    /// <summary>(L b)' (L V L')^-1 (L b) for a contrast matrix L of full row rank.</summary>
    public static double WaldStatistic(double[,] l, double[] beta, double[,] v)
    {
        int q = l.GetLength(0), p = l.GetLength(1);
        var lb = new double[q];
        var lv = new double[q, p];
        for (int i = 0; i < q; i++)
            for (int j = 0; j < p; j++)
            {
                lb[i] += l[i, j] * beta[j];
                double s = 0;
                for (int k = 0; k < p; k++) s += l[i, k] * v[k, j];
                lv[i, j] = s;
            }
        var m = new double[q, q];
        for (int i = 0; i < q; i++)
            for (int j = 0; j < q; j++)
            {
                double s = 0;
                for (int k = 0; k < p; k++) s += lv[i, k] * l[j, k];
                m[i, j] = s;
            }
        var x = Solve(m, lb);
        return Dot(lb, x);
    }

    /// <summary>Solves A x = b by Gaussian elimination with partial pivoting.</summary>
    public static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int k = 0; k < n; k++)
        {
            int piv = k;
            for (int i = k + 1; i < n; i++) if (Math.Abs(m[i, k]) > Math.Abs(m[piv, k])) piv = i;
            if (piv != k)
            {
                for (int j = 0; j < n; j++) (m[k, j], m[piv, j]) = (m[piv, j], m[k, j]);
                (x[k], x[piv]) = (x[piv], x[k]);
            }
            double d = m[k, k];
            if (d == 0) throw new ModelSpecificationException("the contrast matrix of the test is not of full rank");
            for (int i = k + 1; i < n; i++)
            {
                double f = m[i, k] / d;
                if (f == 0) continue;
                for (int j = k; j < n; j++) m[i, j] -= f * m[k, j];
                x[i] -= f * x[k];
            }
        }
        for (int k = n - 1; k >= 0; k--)
        {
            double s = x[k];
            for (int j = k + 1; j < n; j++) s -= m[k, j] * x[j];
            x[k] = s / m[k, k];
        }
        return x;
    }

    /// <summary>
    /// Indices of the rows of <paramref name="rows"/> that are linearly independent of the rows before them
    /// (Gram-Schmidt, two passes, relative tolerance 1e-7 like R's <c>qr</c>).
    /// </summary>
    public static List<int> IndependentRows(IReadOnlyList<double[]> rows) => Orthonormalize(rows).Keep;

    /// <summary>
    /// An orthonormal basis of the span of <paramref name="rows"/> by Gram-Schmidt in row order, skipping dependent rows:
    /// up to signs, the rows of Q' in R's <c>qr(t(L))</c> (whose pivoting moves dependent columns to the end).
    /// </summary>
    public static (List<double[]> Basis, List<int> Keep) Orthonormalize(IReadOnlyList<double[]> rows)
    {
        var basis = new List<double[]>();
        var keep = new List<int>();
        for (int r = 0; r < rows.Count; r++)
        {
            var v = (double[])rows[r].Clone();
            double norm0 = Math.Sqrt(Dot(v, v));
            if (norm0 == 0) continue;
            for (int pass = 0; pass < 2; pass++)
                foreach (var q in basis)
                {
                    double d = Dot(q, v);
                    for (int i = 0; i < v.Length; i++) v[i] -= d * q[i];
                }
            double norm = Math.Sqrt(Dot(v, v));
            if (norm < 1e-7 * norm0) continue;
            for (int i = 0; i < v.Length; i++) v[i] /= norm;
            basis.Add(v);
            keep.Add(r);
        }
        return (basis, keep);
    }
}
