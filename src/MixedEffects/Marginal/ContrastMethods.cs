namespace MixedEffects.Marginal;

/// <summary>
/// emmeans' contrast families (<c>pairwise.emmc</c>, <c>revpairwise.emmc</c>, <c>trt.vs.ctrl.emmc</c>,
/// <c>consec.emmc</c>, <c>poly.emmc</c>) for k means with the given labels.
/// </summary>
internal static class ContrastMethods
{
    /// <summary>The names accepted by <see cref="Build"/>.</summary>
    public static readonly IReadOnlyList<string> Names = ["pairwise", "revpairwise", "trt.vs.ctrl", "consec", "poly"];

    /// <summary>Builds a family. <paramref name="reference"/> is trt.vs.ctrl's control (0-based).</summary>
    /// <exception cref="ModelSpecificationException">Unknown method, or a reference out of range.</exception>
    public static ContrastSet Build(string method, IReadOnlyList<string> labels, int reference = 0)
    {
        int k = labels.Count;
        switch (method)
        {
            case "pairwise":
                return Differences(labels,
                    from i in Enumerable.Range(0, k) from j in Enumerable.Range(i + 1, Math.Max(0, k - i - 1)) select (i, j),
                    AdjustmentMethod.Tukey, isPairwise: true);
            case "revpairwise":
                return Differences(labels,
                    from i in Enumerable.Range(1, Math.Max(0, k - 1)) from j in Enumerable.Range(0, i) select (i, j),
                    AdjustmentMethod.Tukey, isPairwise: true);
            case "trt.vs.ctrl":
                if (reference < 0 || reference >= k)
                    throw new ModelSpecificationException($"trt.vs.ctrl reference level {reference + 1} is out of range 1..{k}");
                return Differences(labels, Enumerable.Range(0, k).Where(i => i != reference).Select(i => (i, reference)),
                    AdjustmentMethod.Dunnettx, isPairwise: false);
            case "consec":
                // emmeans' default: "mvt" (the family's multivariate t)
                return Differences(labels, Enumerable.Range(0, Math.Max(0, k - 1)).Select(i => (i + 1, i)),
                    AdjustmentMethod.Mvt, isPairwise: false);
            case "poly":
            {
                var coef = PolynomialCoefficients(k);
                var names = Enumerable.Range(1, coef.Count).Select(PolynomialName).ToArray();
                return new ContrastSet(names, coef, AdjustmentMethod.None, IsPairwise: false);
            }
            default:
                throw new ModelSpecificationException(
                    $"unknown contrast method '{method}'; use one of {string.Join(", ", Names)} or give coefficients");
        }
    }

    /// <summary>emmeans' names of polynomial degrees: linear, quadratic, cubic, quartic, degree 5, ...</summary>
    public static string PolynomialName(int degree) => degree switch
    {
        1 => "linear",
        2 => "quadratic",
        3 => "cubic",
        4 => "quartic",
        _ => $"degree {degree}",
    };

    /// <summary>
    /// emmeans' integer polynomial contrasts for k equally spaced levels (degrees 1 to min(6, k - 1)):
    /// R's orthogonal <c>poly(1:k)</c> columns, divided by the smallest coefficient above 0.01 and rescaled
    /// until every coefficient is within 0.05 of an integer, then rounded.
    /// </summary>
    public static IReadOnlyList<double[]> PolynomialCoefficients(int k)
    {
        int degrees = Math.Min(6, k - 1);
        var basis = new List<double[]>();
        var one = Enumerable.Repeat(1.0 / Math.Sqrt(k), k).ToArray();
        basis.Add(one);
        var result = new List<double[]>();
        for (int d = 1; d <= degrees; d++)
        {
            var v = Enumerable.Range(1, k).Select(x => Math.Pow(x - (k + 1) / 2.0, d)).ToArray();
            for (int pass = 0; pass < 2; pass++)
                foreach (var q in basis)
                {
                    double dot = MarginalAlgebra.Dot(q, v);
                    for (int i = 0; i < k; i++) v[i] -= dot * q[i];
                }
            double norm = Math.Sqrt(MarginalAlgebra.Dot(v, v));
            for (int i = 0; i < k; i++) v[i] /= norm;
            basis.Add((double[])v.Clone());
            double min = v.Where(c => c > 0.01).Min();
            var con = v.Select(c => c / min).ToArray();
            double z = con.Max(c => Math.Abs(c - Math.Round(c, MidpointRounding.ToEven)));
            while (z > 0.05)
            {
                for (int i = 0; i < k; i++) con[i] /= z;
                z = con.Max(c => Math.Abs(c - Math.Round(c, MidpointRounding.ToEven)));
            }
            result.Add(con.Select(c => Math.Round(c, MidpointRounding.ToEven)).ToArray());
        }
        return result;
    }

    /// <summary>The differences "plus - minus" of the given pairs of means, in order.</summary>
    private static ContrastSet Differences(IReadOnlyList<string> labels, IEnumerable<(int Plus, int Minus)> pairs,
        AdjustmentMethod adjustment, bool isPairwise)
    {
        var list = pairs.ToArray();
        return new ContrastSet(list.Select(p => $"{labels[p.Plus]} - {labels[p.Minus]}").ToArray(),
            list.Select(p => Unit(labels.Count, p.Plus, p.Minus)).ToArray(), adjustment, isPairwise);
    }

    private static double[] Unit(int k, int plus, int minus)
    {
        var c = new double[k];
        c[plus] = 1;
        c[minus] = -1;
        return c;
    }
}
