namespace MixedEffects.Data;

/// <summary>
/// R's <c>contr.poly(n)</c>: orthonormal polynomial contrasts in the scores 1..n, from the QR decomposition of the
/// centred Vandermonde matrix (columns .L, .Q, .C, ^4, ...).
/// </summary>
internal static class PolynomialContrasts
{
    /// <summary>The n x (n - 1) matrix of <c>contr.poly(n)</c>.</summary>
    public static double[,] Matrix(int n)
    {
        if (n < 2) return new double[n, 0];
        double mean = (n + 1) / 2.0;
        var x = Enumerable.Range(1, n).Select(i => i - mean).ToArray();
        var basis = OrthogonalPolynomials.Basis(x, n - 1).Columns;
        var v = new double[n, n - 1];
        for (int j = 0; j < n - 1; j++)
            for (int i = 0; i < n; i++) v[i, j] = basis[j][i];
        return v;
    }

    /// <summary>R's column names: .L, .Q, .C, then ^4, ^5, ...</summary>
    public static string[] Suffixes(int n) =>
        Enumerable.Range(1, Math.Max(n - 1, 0)).Select(d => d switch
        {
            1 => ".L",
            2 => ".Q",
            3 => ".C",
            _ => "^" + d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ToArray();
}
