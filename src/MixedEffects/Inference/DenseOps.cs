using MathNet.Numerics.LinearAlgebra;

namespace MixedEffects.Inference;

/// <summary>Small dense-matrix helpers for p x p problems (p = number of fixed effects).</summary>
internal static class DenseOps
{
    /// <summary>c' M c.</summary>
    public static double QuadraticForm(ReadOnlySpan<double> c, double[,] m)
    {
        double s = 0;
        for (int i = 0; i < c.Length; i++)
        {
            if (c[i] == 0) continue;
            double r = 0;
            for (int j = 0; j < c.Length; j++) r += m[i, j] * c[j];
            s += c[i] * r;
        }
        return s;
    }

    /// <summary>Row i of a matrix.</summary>
    public static double[] Row(double[,] m, int i) =>
        Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray();

    /// <summary>c'x.</summary>
    public static double Dot(ReadOnlySpan<double> c, ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < c.Length; i++) s += c[i] * x[i];
        return s;
    }

    /// <summary>Symmetric eigen-decomposition with eigenvalues in decreasing order: (values, vectors as columns).</summary>
    public static (double[] Values, Matrix<double> Vectors) SymmetricEigen(Matrix<double> a)
    {
        var sym = (a + a.Transpose()) / 2;
        var evd = sym.Evd(Symmetricity.Symmetric);
        int n = a.RowCount;
        var order = Enumerable.Range(0, n).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        var values = order.Select(i => evd.EigenValues[i].Real).ToArray();
        var vectors = Matrix<double>.Build.Dense(n, n, (r, c) => evd.EigenVectors[r, order[c]]);
        return (values, vectors);
    }

    /// <summary>Throws when a contrast matrix does not have p columns.</summary>
    public static void CheckColumns(double[,] l, int p)
    {
        if (l.GetLength(1) != p)
            throw new ModelSpecificationException($"the contrast matrix has {l.GetLength(1)} columns; the model has {p} fixed effects");
    }

    /// <summary>Throws when a contrast vector does not have length p.</summary>
    public static void CheckLength(ReadOnlySpan<double> c, int p)
    {
        if (c.Length != p)
            throw new ModelSpecificationException($"the contrast has {c.Length} coefficients; the model has {p} fixed effects");
    }
}
