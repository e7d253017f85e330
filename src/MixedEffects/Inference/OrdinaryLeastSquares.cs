using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Distributions;
using MixedEffects.Formulas;

namespace MixedEffects.Inference;

/// <summary>
/// Ordinary least squares for the fixed part of a formula, as R's <c>lm(formula, data)</c> (the complete pooling
/// model of pymer4's <c>Lm</c>). Random-effects bars are not allowed.
/// </summary>
public static class OrdinaryLeastSquares
{
    /// <summary>Fits <paramref name="formula"/> (no random-effects terms) to the rows of <paramref name="data"/> with no missing value.</summary>
    /// <exception cref="MixedEffectsException">For a bad formula, an unknown column, or a formula with random-effects terms.</exception>
    public static LeastSquaresFit Fit(string formula, Dataset data, ContrastCoding contrasts = ContrastCoding.Treatment)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(data);
        var spec = ModelSpecification.FromFormula(formula);
        if (spec.Random.Count > 0)
            throw new ModelSpecificationException(
                $"ordinary least squares takes no random-effects terms; remove the '| {spec.Random[0].GroupName}' term from '{formula}'");
        if (spec.Response is null)
            throw new ModelSpecificationException("the formula has no response: write it as 'response ~ terms'");
        return Fit(formula, ModelFrame.Build(spec, data), contrasts);
    }

    /// <summary>Fits the fixed part of a frame's specification (used for each group of a per-group fit).</summary>
    internal static LeastSquaresFit Fit(string formula, ModelFrame frame, ContrastCoding contrasts)
    {
        var x = FixedEffectsMatrix.Build(frame, contrasts);
        var y = frame.NumericResponse().Select((v, i) => v - frame.Offset[i]).ToArray();
        int n = y.Length, p = x.ColumnCount;
        if (n < p)
            throw new ModelSpecificationException($"'{formula}' has {p} coefficients for {n} observations; least squares needs at least as many observations as coefficients");
        var solver = LeastSquaresSolver.Solve(x.Matrix.Columns, y, frame.Weights);
        double sigma2 = solver.ResidualSumOfSquares / (n - p);
        var rows = x.Matrix.ColumnNames.Select((name, j) =>
        {
            double est = solver.Coefficients[j];
            double se = Math.Sqrt(sigma2 * solver.UnscaledCovariance[j, j]);
            double t = est / se;
            return new LeastSquaresCoefficient(name, est, se, t, ProbabilityFunctions.TwoSidedTPValue(t, n - p));
        }).ToArray();
        bool intercept = frame.Specification.Fixed.HasIntercept;
        double tss = TotalSumOfSquares(y, frame.Weights, intercept);
        return new LeastSquaresFit(formula, n, rows, x.DroppedColumns, solver.ResidualSumOfSquares, tss, intercept,
            solver.LogLikelihood(reml: false));
    }

    private static double TotalSumOfSquares(double[] y, double[]? w, bool aboutMean)
    {
        double sw = 0, swy = 0;
        for (int i = 0; i < y.Length; i++) { double wi = w?[i] ?? 1.0; sw += wi; swy += wi * y[i]; }
        double center = aboutMean ? swy / sw : 0;
        double tss = 0;
        for (int i = 0; i < y.Length; i++) tss += (w?[i] ?? 1.0) * (y[i] - center) * (y[i] - center);
        return tss;
    }
}
