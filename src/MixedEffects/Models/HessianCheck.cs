using MathNet.Numerics.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// lme4's identifiability check on the Hessian of the deviance at the optimum (the last part of <c>checkHess</c>,
/// called by <c>checkConv</c> with tolerance 1e-6 when the fit is not singular): "very large eigenvalue" when the
/// largest eigenvalue times the tolerance exceeds 1, "large eigenvalue ratio" when the smallest over the largest is
/// below the tolerance. Both usually mean a covariate on a large scale (rescale or centre it).
/// </summary>
internal static class HessianCheck
{
    /// <summary>lme4's default <c>check.conv.hess</c> tolerance.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>lme4's message for a largest eigenvalue above 1 / tolerance.</summary>
    public const string VeryLargeEigenvalue = "Model is nearly unidentifiable: very large eigenvalue\n - Rescale variables?";

    /// <summary>lme4's message for a smallest-to-largest eigenvalue ratio below the tolerance.</summary>
    public const string LargeEigenvalueRatio = "Model is nearly unidentifiable: large eigenvalue ratio\n - Rescale variables?";

    /// <summary>
    /// The identifiability messages for <paramref name="hessian"/>, in lme4's order; none when the matrix has a
    /// non-finite entry or is not positive definite (lme4 reports those cases differently).
    /// </summary>
    public static IReadOnlyList<string> Messages(double[,] hessian)
    {
        int k = hessian.GetLength(0);
        if (k == 0) return [];
        foreach (double v in hessian) if (!double.IsFinite(v)) return [];
        var h = Matrix<double>.Build.Dense(k, k, (i, j) => (hessian[i, j] + hessian[j, i]) / 2);
        var values = h.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToArray();
        double max = values.Max(), min = values.Min();
        if (!(min > Tolerance)) return [];
        var messages = new List<string>();
        if (max * Tolerance > 1) messages.Add(VeryLargeEigenvalue);
        if (min / max < Tolerance) messages.Add(LargeEigenvalueRatio);
        return messages;
    }

    /// <summary>
    /// The messages for the Hessian of <paramref name="objective"/> at <paramref name="x"/> (lme4's <c>deriv12</c>,
    /// central differences with step 1e-4, <see cref="GlmmDerivatives"/>).
    /// </summary>
    public static IReadOnlyList<string> Messages(Func<double[], double> objective, double[] x, double fx) =>
        Messages(GlmmDerivatives.Compute(objective, x, fx).Hessian);
}
