using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Design;

namespace MixedEffects.Models;

/// <summary>
/// Start values of theta for random intercepts (every term <c>(1 | g)</c>, no prior weights) from Henderson's method I
/// on the residuals r of the least-squares fit of the fixed effects: with S_tg the sum of r over level g of term t
/// and n_tg its count, the between-level sums of squares SS_t = sum_g S_tg^2 / n_tg and the total SS = sum r^2 have
/// expectations (the fixed effects' fit aside) E[SS_t] = n sigma_t^2 + sum over u != t of k_tu sigma_u^2 + G_t sigma^2
/// (k_tu = sum_g sum_h n_tg,uh^2 / n_tg over the cells of terms t and u, G_t the number of levels) and
/// E[SS] = n sum_u sigma_u^2 + (n - p) sigma^2. Solving the T + 1 equations gives theta_t = sigma_t / sigma, kept
/// within [<see cref="Smallest"/>, <see cref="Largest"/>] so that no start sits on the bound, where the criterion's
/// derivative is 0. O(n) per pair of terms; null when the equations have no positive residual variance.
/// </summary>
internal static class MomentStart
{
    /// <summary>The smallest start (0.05): a component estimated at or below it starts there.</summary>
    public const double Smallest = 0.05;

    /// <summary>The largest start (10).</summary>
    public const double Largest = 10;

    /// <summary>The start values, or null when the model is not one of random intercepts or the moments fail.</summary>
    public static double[]? Compute(LinearMixedModelDesign design)
    {
        var terms = design.Terms;
        if (terms.Count == 0 || design.Frame.Weights is not null || !terms.All(IsIntercept)) return null;
        var residuals = FixedEffectsResiduals.Compute(design);
        if (residuals is null) return null;
        int n = residuals.Length, p = design.X.ColumnCount, count = terms.Count;
        var system = Matrix<double>.Build.Dense(count + 1, count + 1);
        var rhs = Vector<double>.Build.Dense(count + 1);
        var levelCounts = terms.Select(t => LevelCounts(t, n)).ToArray();
        for (int t = 0; t < count; t++)
        {
            var sums = new double[terms[t].LevelCount];
            var codes = terms[t].Codes;
            for (int i = 0; i < n; i++) sums[codes[i]] += residuals[i];
            double between = 0;
            for (int g = 0; g < sums.Length; g++)
                if (levelCounts[t][g] > 0) between += sums[g] * sums[g] / levelCounts[t][g];
            rhs[t] = between;
            system[t, t] = n;
            for (int u = 0; u < count; u++)
                if (u != t) system[t, u] = CellSquares(terms[t], terms[u], levelCounts[t], n);
            system[t, count] = levelCounts[t].Count(c => c > 0);
        }
        for (int u = 0; u < count; u++) system[count, u] = n;
        system[count, count] = n - p;
        rhs[count] = residuals.Sum(v => v * v);
        var solution = system.Solve(rhs);
        double sigma2 = solution[count];
        if (!(sigma2 > 0) || solution.Any(v => !double.IsFinite(v))) return null;
        return Enumerable.Range(0, count)
            .Select(t => Math.Clamp(Math.Sqrt(Math.Max(solution[t], 0) / sigma2), Smallest, Largest)).ToArray();
    }

    private static bool IsIntercept(RandomEffectsTerm term)
    {
        if (term.ColumnCount != 1) return false;
        foreach (double v in term.Values)
            if (v != 1) return false;
        return true;
    }

    private static int[] LevelCounts(RandomEffectsTerm term, int n)
    {
        var counts = new int[term.LevelCount];
        var codes = term.Codes;
        for (int i = 0; i < n; i++) counts[codes[i]]++;
        return counts;
    }

    /// <summary>k_tu = sum over the cells (g, h) of terms t and u of n_gh^2 / n_tg.</summary>
    private static double CellSquares(RandomEffectsTerm t, RandomEffectsTerm u, int[] countsT, int n)
    {
        var cells = new Dictionary<long, int>();
        var ct = t.Codes;
        var cu = u.Codes;
        long levelsU = u.LevelCount;
        for (int i = 0; i < n; i++)
        {
            long key = ct[i] * levelsU + cu[i];
            cells[key] = cells.GetValueOrDefault(key) + 1;
        }
        double k = 0;
        foreach (var (key, c) in cells) k += (double)c * c / countsT[(int)(key / levelsU)];
        return k;
    }
}
