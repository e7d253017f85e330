using MixedEffects.Design;

namespace MixedEffects.Reporting;

/// <summary>
/// Sections shared by lme4's <c>summary()</c> printouts of <c>lmerMod</c> and <c>glmerMod</c> fits: the formula and
/// data lines, the AIC/BIC/logLik/deviance/df.resid table, scaled residuals, the random-effects table, the numbers of
/// observations and groups, the fixed effects with their correlation, fit warnings and convergence messages.
/// </summary>
internal static class MixedModelSummarySections
{
    private const int Digits = 4;
    private const int CorrelationMaxCoefficients = 12;
    private const string RankDeficientPrefix = "fixed-effect model matrix is rank deficient";

    /// <summary>The "Formula:", "Data:" and, for a weighted fit, "Weights:" lines of the header (formula on one line).</summary>
    public static IEnumerable<string> FormulaAndData(string formula, string dataName, string? weightsName)
    {
        yield return "Formula: " + string.Join(" ", formula.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        yield return "   Data: " + dataName;
        if (weightsName is not null) yield return "Weights: " + weightsName;
    }

    /// <summary>lme4's <c>.prt.aictab</c>: the five criteria rounded to one decimal.</summary>
    public static IEnumerable<string> InformationCriteria(double aic, double bic, double logLik, double deviance, int dfResid)
    {
        var values = new[] { aic, bic, logLik, deviance, dfResid }.Select(v => RNumberFormatter.Round(v, 1)).ToArray();
        var text = RNumberFormatter.Format(values, 7);
        text[4] = RNumberFormatter.FormatSingle(values[4]);
        return RTextLayout.NamedVector(["AIC", "BIC", "logLik", "deviance", "df.resid"], text);
    }

    /// <summary>lme4's <c>.prt.resids</c>: the five-number summary of the scaled residuals.</summary>
    public static IEnumerable<string> ScaledResiduals(IEnumerable<double> scaled) =>
        ScaledResidualQuantiles(Quantiles.FiveNumber(scaled));

    /// <summary>lme4's <c>.prt.resids</c> from the five quantiles (0, 0.25, 0.5, 0.75, 1; R's type 7) of the scaled residuals.</summary>
    public static IEnumerable<string> ScaledResidualQuantiles(double[] quantiles)
    {
        yield return "Scaled residuals: ";
        var q = RNumberFormatter.ZapSmall(quantiles, Digits + 1);
        foreach (var line in RTextLayout.NamedVector(["Min", "1Q", "Median", "3Q", "Max"], RNumberFormatter.Format(q, Digits)))
            yield return line;
    }

    /// <summary>
    /// lme4's <c>print(VarCorr(m), comp = c("Variance", "Std.Dev."))</c> under "Random effects:", with a
    /// "Residual" row when <paramref name="sigma"/> is given (linear models only).
    /// </summary>
    public static IEnumerable<string> RandomEffects(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyList<string> groupNames,
        Func<int, double[,]> termCovariance, double? sigma)
    {
        yield return "Random effects:";
        var groups = new List<string>();
        var names = new List<string>();
        var sds = new List<double>();
        var correlations = new List<double[,]>();
        for (int i = 0; i < terms.Count; i++)
        {
            var cov = termCovariance(i);
            int s = terms[i].ColumnCount;
            var corr = new double[s, s];
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                    corr[a, b] = a == b ? 1 : cov[a, b] / Math.Sqrt(cov[a, a] * cov[b, b]);
            correlations.Add(corr);
            for (int c = 0; c < s; c++)
            {
                groups.Add(c == 0 ? groupNames[i] : "");
                names.Add(terms[i].ColumnNames[c]);
                sds.Add(Math.Sqrt(cov[c, c]));
            }
        }
        if (sigma is double residual)
        {
            groups.Add("Residual");
            names.Add("");
            sds.Add(residual);
        }

        var variance = RNumberFormatter.Format(sds.Select(s => s * s).ToArray(), Digits);
        var stdDev = RNumberFormatter.Format(sds, Digits);
        int maxLen = terms.Count == 0 ? 1 : terms.Max(t => t.ColumnCount);
        int corrColumns = maxLen > 1 ? maxLen - 1 : 0;
        var columns = new List<string> { "Groups", "Name", "Variance", "Std.Dev." };
        if (corrColumns > 0) columns.AddRange(Enumerable.Range(0, corrColumns).Select(k => k == 0 ? "Corr" : ""));
        var cells = new string[groups.Count, columns.Count];
        for (int r = 0; r < groups.Count; r++)
        {
            cells[r, 0] = groups[r];
            cells[r, 1] = names[r];
            cells[r, 2] = variance[r];
            cells[r, 3] = stdDev[r];
            for (int k = 0; k < corrColumns; k++) cells[r, 4 + k] = "";
        }
        if (corrColumns > 0) FillCorrelations(cells, correlations, corrColumns);
        foreach (var line in RTextLayout.Matrix(Enumerable.Repeat("", groups.Count).ToArray(), columns, cells, right: false))
            yield return line;
    }

    /// <summary>"Number of obs: n, groups:  g1, n1; g2, n2".</summary>
    public static string GroupsLine(IReadOnlyList<RandomEffectsTerm> terms, IReadOnlyDictionary<string, int> counts, int observations)
    {
        var byName = terms.Select(t => t.GroupName).Distinct().Select(g => $"{g}, {counts[g]}");
        return $"Number of obs: {observations}, groups: " + " " + string.Join("; ", byName);
    }

    /// <summary>
    /// A blank line, "Fixed effects:", the coefficient table and <see cref="FixedEffectCorrelations"/>; nothing when
    /// the model has no fixed effects.
    /// </summary>
    /// <param name="names">The coefficient names.</param>
    /// <param name="coefficientTable">Prints the coefficient table (called only when there are coefficients).</param>
    /// <param name="vcov">The covariance matrix of the fixed effects.</param>
    public static IEnumerable<string> FixedEffects(IReadOnlyList<string> names, Func<IEnumerable<string>> coefficientTable, double[,] vcov)
    {
        if (names.Count == 0) yield break;
        yield return "";
        yield return "Fixed effects:";
        foreach (var line in coefficientTable()) yield return line;
        foreach (var line in FixedEffectCorrelations(names, vcov)) yield return line;
    }

    /// <summary>
    /// The "Correlation of Fixed Effects:" block (preceded by a blank line) for 2 to 12 coefficients, lme4's note
    /// for more than 12, nothing for fewer than 2.
    /// </summary>
    public static IEnumerable<string> FixedEffectCorrelations(IReadOnlyList<string> names, double[,] vcov)
    {
        int p = names.Count;
        if (p > CorrelationMaxCoefficients)
        {
            yield return "";
            yield return $"Correlation matrix not shown by default, as p = {p} > {CorrelationMaxCoefficients}.";
            yield return "Use print(...., correlation=TRUE)  or";
            yield return "    vcov(....)        if you need it";
            yield return "";
            yield break;
        }
        if (p < 2) yield break;
        var rowNames = RAbbreviation.Abbreviate(names.ToArray(), 11);
        var colNames = RAbbreviation.Abbreviate(names.ToArray(), 6);
        var flat = new double[p * p];
        for (int b = 0; b < p; b++)
            for (int a = 0; a < p; a++)
                flat[b * p + a] = RNumberFormatter.Round(vcov[a, b] / Math.Sqrt(vcov[a, a] * vcov[b, b]), 3);
        var text = RNumberFormatter.Format(flat, 7, 3);
        var cells = new string[p - 1, p - 1];
        for (int a = 1; a < p; a++)
            for (int b = 0; b < p - 1; b++) cells[a - 1, b] = b < a ? text[b * p + a] : "";
        yield return "";
        yield return "Correlation of Fixed Effects:";
        foreach (var line in RTextLayout.Matrix(rowNames[1..], colNames[..^1], cells, right: false)) yield return line;
    }

    /// <summary>"fit warnings:" with lme4's messages about dropped columns and rows; nothing when there are none.</summary>
    public static IEnumerable<string> FitWarnings(int droppedColumns, int droppedRows)
    {
        var messages = new List<string>();
        if (droppedColumns > 0)
            messages.Add(droppedColumns == 1
                ? "fixed-effect model matrix is rank deficient so dropping 1 column / coefficient"
                : $"fixed-effect model matrix is rank deficient so dropping {droppedColumns} columns / coefficients");
        if (droppedRows > 0)
            messages.Add(droppedRows == 1 ? "1 row with missing values dropped" : $"{droppedRows} rows with missing values dropped");
        if (messages.Count == 0) yield break;
        yield return "fit warnings:";
        foreach (var m in messages) yield return m;
    }

    /// <summary>
    /// lme4's <c>.prt.warn</c>: the optimizer's convergence code and the fit's messages (singular fit, gradient
    /// check), followed by a blank line; nothing when the fit has no such messages.
    /// </summary>
    public static IEnumerable<string> OptimizerMessages(IReadOnlyList<string> warnings)
    {
        var messages = warnings
            .Where(w => !w.StartsWith(RankDeficientPrefix, StringComparison.Ordinal) && !w.Contains("missing", StringComparison.Ordinal))
            .ToList();
        if (messages.Count == 0) yield break;
        var maxEval = messages.FirstOrDefault(m => m.StartsWith("maximum number of function evaluations", StringComparison.Ordinal));
        yield return maxEval is null
            ? "optimizer (bobyqa) convergence code: 0 (OK)"
            : $"optimizer (bobyqa) convergence code: 1 ({maxEval})";
        foreach (var m in messages.Where(m => !ReferenceEquals(m, maxEval))) yield return m;
        yield return "";
    }

    /// <summary>The lines as one text, each ended by a newline.</summary>
    public static string Text(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>Writes the lines to <paramref name="writer"/>, each ended by a newline.</summary>
    public static void WriteTo(IEnumerable<string> lines, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in lines) writer.Write(line + "\n");
    }

    private static void FillCorrelations(string[,] cells, List<double[,]> correlations, int corrColumns)
    {
        int row = 0;
        foreach (var corr in correlations)
        {
            int s = corr.GetLength(0);
            int dig = Math.Max(2, Digits - 2);
            var flat = new double[s * s];
            for (int b = 0; b < s; b++)
                for (int a = 0; a < s; a++) flat[b * s + a] = RNumberFormatter.Round(corr[a, b], dig);
            var text = RNumberFormatter.Format(flat, 7, dig);
            for (int a = 0; a < s; a++)
                for (int b = 0; b < a && b < corrColumns; b++) cells[row + a, 4 + b] = text[b * s + a];
            row += s;
        }
    }
}
