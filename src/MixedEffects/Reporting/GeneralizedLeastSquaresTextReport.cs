using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// nlme's <c>summary(gls(...))</c> as text: the method, model, AIC/BIC/logLik, the variance function's block, the
/// coefficient table (value, standard error, t value, p value on n - p df), the residual standard error and the degrees
/// of freedom.
/// </summary>
public static class GeneralizedLeastSquaresTextReport
{
    /// <summary>The summary of <paramref name="fit"/>; <paramref name="data"/> names the data in the header.</summary>
    public static string Summary(GeneralizedLeastSquaresFit fit, string data)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var lines = new List<string>
        {
            "Generalized least squares fit by " + (fit.Method == EstimationMethod.Reml ? "REML" : "maximum likelihood"),
            "  Model: " + fit.Formula,
            "  Data: " + data,
        };
        var criteria = RNumberFormatter.Format([fit.Aic, fit.Bic, fit.LogLikelihood], 7);
        var cells = new string[1, 3];
        for (int j = 0; j < 3; j++) cells[0, j] = criteria[j].Trim();
        lines.AddRange(RTextLayout.Matrix([""], ["AIC", "BIC", "logLik"], cells, right: true).Select(l => " " + l));
        if (fit.VarianceFunction is { } variance) lines.AddRange(VarianceFunctionSection.Lines(variance));
        lines.Add("");
        lines.Add("Coefficients:");
        var c = fit.Coefficients;
        var columns = new[]
        {
            RNumberFormatter.Format(c.Select(x => x.Estimate).ToArray(), 7),
            RNumberFormatter.Format(c.Select(x => x.StandardError).ToArray(), 7),
            RNumberFormatter.Format(c.Select(x => x.Statistic).ToArray(), 7),
            RNumberFormatter.Format(c.Select(x => x.P).ToArray(), 4),
        };
        var table = new string[c.Count, columns.Length];
        for (int i = 0; i < c.Count; i++)
            for (int j = 0; j < columns.Length; j++) table[i, j] = columns[j][i].Trim();
        lines.AddRange(RTextLayout.Matrix(c.Select(x => x.Term).ToArray(), ["Value", "Std.Error", "t-value", "p-value"], table, right: true));
        lines.Add("");
        lines.Add("Residual standard error: " + RNumberFormatter.FormatSingle(fit.Sigma));
        lines.Add($"Degrees of freedom: {fit.ObservationCount} total; {fit.ResidualDegreesOfFreedom} residual");
        foreach (var warning in fit.Warnings) lines.Add("Warning: " + warning);
        return string.Join('\n', lines) + "\n";
    }
}
