using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// The residuals y - offset - X b of the fixed effects alone, b by (prior-)weighted least squares: the data-based
/// start values (<see cref="MomentStart"/>, <see cref="HeteroscedasticStart"/>) begin from them.
/// </summary>
internal static class FixedEffectsResiduals
{
    /// <summary>The residuals, or null when X'WX is not positive definite or b is not finite.</summary>
    public static double[]? Compute(LinearMixedModelDesign design)
    {
        var x = design.X.Matrix.Columns;
        var w = design.Frame.Weights;
        var offset = design.Frame.Offset;
        int n = design.Response.Length, p = x.Length;
        var r = new double[n];
        for (int i = 0; i < n; i++) r[i] = design.Response[i] - offset[i];
        var xtx = new double[p * p];
        var xty = new double[p];
        for (int a = 0; a < p; a++)
        {
            var xa = x[a];
            for (int i = 0; i < n; i++) xty[a] += Weight(w, i) * xa[i] * r[i];
            for (int b = 0; b <= a; b++)
            {
                var xb = x[b];
                double s = 0;
                for (int i = 0; i < n; i++) s += Weight(w, i) * xa[i] * xb[i];
                xtx[a * p + b] = s;
            }
        }
        if (!DenseCholesky.Factor(xtx, p)) return null;
        DenseCholesky.SolveLower(xtx, p, p, xty);
        DenseCholesky.SolveLowerTransposed(xtx, p, p, xty);
        if (!xty.All(double.IsFinite)) return null;
        for (int a = 0; a < p; a++)
        {
            var xa = x[a];
            double b = xty[a];
            for (int i = 0; i < n; i++) r[i] -= b * xa[i];
        }
        return r;
    }

    /// <summary>The prior weight of row <paramref name="i"/> (1 without weights).</summary>
    public static double Weight(double[]? w, int i) => w?[i] ?? 1.0;
}
