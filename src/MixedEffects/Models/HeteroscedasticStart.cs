using MixedEffects.LinearAlgebra;
using MixedEffects.Variance;

namespace MixedEffects.Models;

/// <summary>
/// Start values of a variance function's parameters from the data, so that the optimizer begins near the optimum
/// instead of at a constant variance: the residuals of the fixed effects by weighted least squares, with the mean of
/// each level of every grouping factor swept out twice (what remains estimates the residual errors), then the
/// regression of log |residual| on the function's design (log g_s = sum_k D[s, k] p_k) with an intercept. For
/// varIdent this is the difference of each stratum's mean log |residual| from the reference stratum's (log of the SD
/// ratio up to a constant common to all strata), for varExp the slope of log |residual| on x, for varPower on log |x|.
/// </summary>
internal static class HeteroscedasticStart
{
    private const double Limit = 5;   // largest |start| on the optimizer's scale (log g changes by at most 5)

    /// <summary>The start of the variance parameters on the optimizer's scale (zeros when the data give none).</summary>
    public static double[] Scaled(LinearMixedModelDesign design, BoundVarianceFunction function)
    {
        int k = function.ParameterCount;
        var residuals = WithinResiduals(design);
        if (residuals is null) return new double[k];
        var p = RegressLogAbs(residuals, design.Frame.Weights, function);
        if (p is null) return new double[k];
        var scaled = function.Scale(p);
        for (int j = 0; j < k; j++) scaled[j] = double.IsFinite(scaled[j]) ? Math.Clamp(scaled[j], -Limit, Limit) : 0;
        return scaled;
    }

    /// <summary>The fixed effects' least-squares residuals less the level means of each grouping factor (two sweeps).</summary>
    private static double[]? WithinResiduals(LinearMixedModelDesign design)
    {
        var r = FixedEffectsResiduals.Compute(design);
        if (r is null) return null;
        var w = design.Frame.Weights;
        int n = r.Length;
        for (int sweep = 0; sweep < 2; sweep++)
            foreach (var term in design.Terms)
            {
                var codes = term.Codes;
                var sum = new double[term.LevelCount];
                var total = new double[term.LevelCount];
                for (int i = 0; i < n; i++)
                {
                    sum[codes[i]] += Weight(w, i) * r[i];
                    total[codes[i]] += Weight(w, i);
                }
                for (int i = 0; i < n; i++)
                    if (total[codes[i]] > 0) r[i] -= sum[codes[i]] / total[codes[i]];
            }
        return r;
    }

    /// <summary>Least squares of log |r_i sqrt(w_i)| on (1, D[stratum(i), ·]); the coefficients of D, or null.</summary>
    private static double[]? RegressLogAbs(double[] r, double[]? w, BoundVarianceFunction function)
    {
        int k = function.ParameterCount, m = k + 1, n = r.Length;
        double squares = 0;
        int used = 0;
        for (int i = 0; i < n; i++)
            if (Weight(w, i) > 0) { squares += Weight(w, i) * r[i] * r[i]; used++; }
        if (used <= m || squares <= 0) return null;
        double floor = 1e-3 * Math.Sqrt(squares / used);
        var ata = new double[m * m];
        var atb = new double[m];
        var row = new double[m];
        var stratum = function.StratumOf;
        for (int i = 0; i < n; i++)
        {
            if (Weight(w, i) <= 0) continue;
            double target = Math.Log(Math.Max(Math.Abs(r[i]) * Math.Sqrt(Weight(w, i)), floor));
            row[0] = 1;
            for (int j = 0; j < k; j++) row[j + 1] = function.DesignValue(stratum[i], j);
            for (int a = 0; a < m; a++)
            {
                atb[a] += row[a] * target;
                for (int b = 0; b <= a; b++) ata[a * m + b] += row[a] * row[b];
            }
        }
        if (!DenseCholesky.Factor(ata, m)) return null;
        DenseCholesky.SolveLower(ata, m, m, atb);
        DenseCholesky.SolveLowerTransposed(ata, m, m, atb);
        return atb[1..];
    }

    private static double Weight(double[]? w, int i) => FixedEffectsResiduals.Weight(w, i);
}
