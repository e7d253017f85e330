using MixedEffects.Design;

namespace MixedEffects.Marginal;

/// <summary>
/// emmeans' <c>joint_tests</c>: for each fixed term, the consecutive-difference contrasts of each of its variables
/// multiplied together over the reference grid (covariates at their mean -/+ 1, emmeans' <c>meanint</c>), the other
/// variables averaged with equal weights, orthonormalized (emmeans' <c>qr(t(L))</c>) and tested jointly as emmeans' <c>test(joint = TRUE)</c>:
/// F is the Wald statistic with the inference's covariance (Kenward-Roger's adjusted one, unscaled) divided by the
/// rank, and df2 is the smallest single-contrast df over the orthonormal rows.
/// </summary>
internal static class JointTestsBuilder
{
    public static IReadOnlyList<JointTest> Build(MarginalModelInfo model)
    {
        var grid = ReferenceGrid.Build(model, at: null, covariateRange: true);
        var covariance = model.Inference.Covariance;
        var result = new List<JointTest>();
        var tested = new List<int[]>();
        foreach (var term in model.Specification.Fixed.Terms)
        {
            // emmeans tests sets of grid variables (poly(x, 2) and scale(x) are the variable x), each set once
            var index = term.Variables.Select(v => GridIndex(grid, model, v)).Distinct().Order().ToArray();
            if (index.Length == 0 || tested.Any(t => t.SequenceEqual(index))) continue;
            tested.Add(index);
            string label = string.Join(":", index.Select(k => grid.Variables[k].Name));
            var contrasts = index.Select(k => Differences(grid.Variables[k].Count)).ToArray();
            int averagedCells = Enumerable.Range(0, grid.Variables.Count).Except(index).Aggregate(1, (acc, k) => acc * grid.Variables[k].Count);
            var rows = new List<double[]>();
            foreach (var combination in ModelMatrixBuilder.Combinations(contrasts.Select(c => c.Length).ToArray()))
            {
                var full = new double[grid.Rows[0].Length];
                bool estimable = true;
                for (int cell = 0; cell < grid.CellCount && estimable; cell++)
                {
                    var coordinates = grid.Coordinates(cell);
                    double w = 1.0 / averagedCells;
                    for (int t = 0; t < index.Length; t++) w *= contrasts[t][combination[t]][coordinates[index[t]]];
                    if (w == 0) continue;
                    if (!grid.Estimable[cell]) { estimable = false; break; }
                    for (int j = 0; j < full.Length; j++) full[j] += w * grid.Rows[cell][j];
                }
                if (estimable) rows.Add(model.Kept(full));
            }
            var zapped = rows.Select(ZapSmall).ToArray();
            var (basis, _) = MarginalAlgebra.Orthonormalize(zapped);
            if (basis.Count == 0) continue;
            int r = basis.Count;
            var l = new double[r, model.Beta.Length];
            for (int i = 0; i < r; i++)
                for (int j = 0; j < model.Beta.Length; j++) l[i, j] = basis[i][j];
            double f = MarginalAlgebra.WaldStatistic(l, model.Beta, covariance) / r;
            double df2 = basis.Min(q => model.Inference.DegreesOfFreedom(q));
            result.Add(new JointTest(label, r, df2, f, Emmeans.FPValue(f, r, df2)));
        }
        return result;
    }

    /// <summary>The grid dimension of a term's variable: itself, or the covariate a transformation such as log(x) reads.</summary>
    private static int GridIndex(ReferenceGrid grid, MarginalModelInfo model, Formulas.ModelVariable variable)
    {
        int k = grid.IndexOf(variable.Name);
        if (k >= 0) return k;
        var columns = variable.ColumnNames();
        k = columns.Count == 1 ? grid.IndexOf(columns[0]) : -1;
        return k >= 0 ? k : throw new ModelSpecificationException($"term variable '{variable.Name}' has no dimension in the reference grid");
    }

    /// <summary>Consecutive differences for k values: k - 1 contrasts of length k.</summary>
    private static double[][] Differences(int k) =>
        Enumerable.Range(0, k - 1).Select(i =>
        {
            var c = new double[k];
            c[i] = -1;
            c[i + 1] = 1;
            return c;
        }).ToArray();

    private static double[] ZapSmall(double[] x)
    {
        double mx = x.Length == 0 ? 0 : x.Max(Math.Abs);
        if (mx == 0) return x;
        int digits = Math.Max(0, 7 - (int)Math.Ceiling(Math.Log10(mx)));
        return x.Select(v => Math.Round(v, Math.Min(digits, 15), MidpointRounding.ToEven)).ToArray();
    }
}
