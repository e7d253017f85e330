namespace MixedEffects.Data;

/// <summary>
/// Orthogonal polynomials as R's <c>poly(x, degree)</c>: monic polynomials orthogonal over the observed x, built by the
/// three-term recurrence with R's <c>coefs</c> (<c>alpha</c>, <c>norm2</c>), then scaled to unit length. The same
/// coefficients evaluate the basis at new x (R's <c>predict(poly)</c>, used for new data and reference grids).
/// </summary>
public sealed class OrthogonalPolynomials
{
    private readonly double[] _alpha;
    private readonly double[] _norm2;

    private OrthogonalPolynomials(double[] alpha, double[] norm2, double[][] columns)
    {
        _alpha = alpha;
        _norm2 = norm2;
        Columns = columns;
    }

    /// <summary>The basis at the x it was built from: <c>degree</c> columns.</summary>
    public IReadOnlyList<double[]> Columns { get; }

    /// <summary>The degree.</summary>
    public int Degree => _alpha.Length;

    /// <summary>Builds the basis of degree <paramref name="degree"/> over <paramref name="x"/> (NaN values are left out of the coefficients and give NaN).</summary>
    /// <exception cref="ModelSpecificationException">The degree is not below the number of distinct values.</exception>
    public static OrthogonalPolynomials Basis(IReadOnlyList<double> x, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        var observed = x.Where(v => !double.IsNaN(v)).ToArray();
        if (degree < 1) throw new ModelSpecificationException($"the degree of poly() must be at least 1, not {degree}");
        if (degree >= observed.Distinct().Count())
            throw new ModelSpecificationException(
                $"the degree of poly() ({degree}) must be less than the number of distinct values ({observed.Distinct().Count()})");
        var alpha = new double[degree];
        var norm2 = new double[degree + 2];
        norm2[0] = 1;
        norm2[1] = observed.Length;
        var previous = new double[observed.Length];
        Array.Fill(previous, 1.0);
        var current = new double[observed.Length];
        alpha[0] = observed.Average();
        for (int i = 0; i < observed.Length; i++) current[i] = observed[i] - alpha[0];
        for (int k = 1; k <= degree; k++)
        {
            double ss = 0, sx = 0;
            for (int i = 0; i < observed.Length; i++) { ss += current[i] * current[i]; sx += observed[i] * current[i] * current[i]; }
            norm2[k + 1] = ss;
            if (k == degree) break;
            alpha[k] = sx / ss;
            var next = new double[observed.Length];
            double ratio = norm2[k + 1] / norm2[k];
            for (int i = 0; i < observed.Length; i++) next[i] = (observed[i] - alpha[k]) * current[i] - ratio * previous[i];
            previous = current;
            current = next;
        }
        var basis = new OrthogonalPolynomials(alpha, norm2, []);
        return new OrthogonalPolynomials(alpha, norm2, basis.Evaluate(x));
    }

    /// <summary>The basis at new values, with the coefficients of the data it was built from.</summary>
    public double[][] Evaluate(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.Count, degree = Degree;
        var z = new double[degree + 1][];
        z[0] = Enumerable.Repeat(1.0, n).ToArray();
        z[1] = x.Select(v => v - _alpha[0]).ToArray();
        for (int k = 1; k < degree; k++)
        {
            double ratio = _norm2[k + 1] / _norm2[k];
            z[k + 1] = new double[n];
            for (int i = 0; i < n; i++) z[k + 1][i] = (x[i] - _alpha[k]) * z[k][i] - ratio * z[k - 1][i];
        }
        var columns = new double[degree][];
        for (int k = 1; k <= degree; k++)
        {
            double scale = Math.Sqrt(_norm2[k + 1]);
            columns[k - 1] = z[k].Select(v => v / scale).ToArray();
        }
        return columns;
    }
}
