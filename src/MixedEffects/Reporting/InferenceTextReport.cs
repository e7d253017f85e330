using System.Globalization;
using MixedEffects.Inference;

namespace MixedEffects.Reporting;

/// <summary>
/// Plain-text tables for model comparisons, random-effects tests, confidence intervals and least-squares fits,
/// laid out as R prints them (columns formatted with R's <c>format</c>; NA where there is no value).
/// </summary>
public static class InferenceTextReport
{
    /// <summary>
    /// lme4's <c>anova(m0, m1)</c> printout: the refit message, the data line (when <paramref name="dataName"/> is
    /// given), the models, then the table.
    /// </summary>
    public static string Comparison(ModelComparisonResult result, string? dataName = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>(result.Messages);
        if (dataName is not null) lines.Add("Data: " + dataName);
        lines.Add("Models:");
        lines.AddRange(result.Rows.Select(r => $"{r.Model}: {r.Formula}"));
        var rows = result.Rows;
        double[][] columns =
        [
            rows.Select(r => (double)r.Npar).ToArray(),
            rows.Select(r => r.Aic).ToArray(),
            rows.Select(r => r.Bic).ToArray(),
            rows.Select(r => r.LogLik).ToArray(),
            rows.Select(r => r.Deviance).ToArray(),
            rows.Select(r => r.ChiSquare ?? double.NaN).ToArray(),
            rows.Select(r => r.Df is int df ? df : double.NaN).ToArray(),
            rows.Select(r => r.P ?? double.NaN).ToArray(),
        ];
        // R's print.anova: printCoefmat with the statistic as test column, the fit criteria zapped, NA printed as blank
        lines.AddRange(RCoefficientMatrix.Print(rows.Select(r => r.Model).ToArray(),
            ["npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)"], columns, 5,
            coefficientColumns: [], testColumns: [5], zapColumns: [0, 1, 2, 3, 4], hasPValue: true, naPrint: ""));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>lmerTest's <c>ranova(m)</c> table.</summary>
    public static string RandomEffectsTests(IReadOnlyList<RandomEffectsTestRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lines = new List<string> { "ANOVA-like table for random-effects: Single term deletions" };
        var cells = Columns(rows.Count,
            Integers(rows.Select(r => (int?)r.Npar)),
            Numbers(rows.Select(r => (double?)r.LogLik), 5),
            Numbers(rows.Select(r => (double?)r.Aic), 5),
            Numbers(rows.Select(r => r.Lrt), 5),
            Integers(rows.Select(r => r.Df)),
            Numbers(rows.Select(r => r.P), 4));
        lines.AddRange(RTextLayout.Matrix(rows.Select(r => r.Term).ToArray(), ["npar", "logLik", "AIC", "LRT", "Df", "Pr(>Chisq)"], cells, right: true));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>lme4's <c>confint</c> matrix with percentage column names (e.g. <c>2.5 %</c>, <c>97.5 %</c>); NA for missing bounds.</summary>
    public static string Intervals(IReadOnlyList<ConfidenceInterval> intervals, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        string Percent(double p) => (100 * p).ToString("0.###", CultureInfo.InvariantCulture) + " %";
        var cells = Columns(intervals.Count,
            Numbers(intervals.Select(i => double.IsNaN(i.Lower) ? null : (double?)i.Lower), 7, "NA"),
            Numbers(intervals.Select(i => double.IsNaN(i.Upper) ? null : (double?)i.Upper), 7, "NA"));
        var lines = RTextLayout.Matrix(intervals.Select(i => i.Parameter).ToArray(),
            [Percent((1 - level) / 2), Percent((1 + level) / 2)], cells, right: true);
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The coefficient table and summary lines of R's <c>summary(lm(...))</c>.</summary>
    public static string LeastSquares(LeastSquaresFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var c = fit.Coefficients;
        var lines = new List<string> { $"lm(formula = {fit.Formula})", "", "Coefficients:" };
        var cells = Columns(c.Count,
            Numbers(c.Select(x => (double?)x.Estimate), 5),
            Numbers(c.Select(x => (double?)x.StandardError), 5),
            Numbers(c.Select(x => (double?)x.Statistic), 4),
            Numbers(c.Select(x => (double?)x.P), 3));
        lines.AddRange(RTextLayout.Matrix(c.Select(x => x.Term).ToArray(), ["Estimate", "Std. Error", "t value", "Pr(>|t|)"], cells, right: true));
        string F(double x, int d) => RNumberFormatter.FormatSingle(x, d);
        lines.Add("");
        lines.Add($"Residual standard error: {F(fit.Sigma, 4)} on {fit.ResidualDegreesOfFreedom} degrees of freedom");
        lines.Add($"Multiple R-squared:  {F(fit.RSquared, 4)},\tAdjusted R-squared:  {F(fit.AdjustedRSquared, 4)} ");
        if (fit.FNumeratorDf > 0)
            lines.Add($"F-statistic: {F(fit.FStatistic, 4)} on {fit.FNumeratorDf} and {fit.FDenominatorDf} DF,  p-value: {F(fit.FPValue, 4)}");
        return string.Join('\n', lines) + "\n";
    }

    private static string[] Integers(IEnumerable<int?> values) =>
        values.Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "").ToArray();

    private static string[] Numbers(IEnumerable<double?> values, int digits, string missing = "")
    {
        var list = values.ToList();
        var present = list.Select(v => v ?? double.NaN).ToArray();
        var formatted = RNumberFormatter.Format(present, digits);
        return list.Select((v, i) => v is null ? missing : formatted[i].Trim()).ToArray();
    }

    private static string[,] Columns(int rows, params string[][] columns)
    {
        var cells = new string[rows, columns.Length];
        for (int j = 0; j < columns.Length; j++)
            for (int i = 0; i < rows; i++) cells[i, j] = columns[j][i];
        return cells;
    }
}
