using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// The text lme4 prints for <c>summary(lmer(...))</c>: title, formula and data, criterion (REML) or the
/// AIC/BIC/logLik/deviance/df.resid table (ML), scaled residuals, random effects, numbers of observations and
/// groups, fixed effects, their correlations (up to 12 coefficients), then fit warnings and convergence messages.
/// Given t tests with a df method, the title and the coefficient table are lmerTest's (df, p values, stars).
/// </summary>
public sealed class LinearMixedModelSummary
{
    private const int Digits = 4;
    private const int CorrelationMaxCoefficients = 12;
    private const string RankDeficientPrefix = "fixed-effect model matrix is rank deficient";

    private readonly LinearMixedModelFit _fit;
    private readonly string _dataName;
    private readonly string? _weightsName;
    private readonly IReadOnlyList<FixedEffectTest>? _tests;
    private readonly string? _testMethod;

    /// <summary>Creates the summary of a fit.</summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="dataName">How the data is named on the <c>Data:</c> line (a dataset name or file path).</param>
    /// <param name="weightsName">The weights column, printed on a <c>Weights:</c> line; null for none.</param>
    public LinearMixedModelSummary(LinearMixedModelFit fit, string dataName, string? weightsName = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(dataName);
        _fit = fit;
        _dataName = dataName;
        _weightsName = weightsName;
    }

    /// <summary>Creates lmerTest's summary of a fit: t tests with degrees of freedom and p values.</summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="dataName">How the data is named on the <c>Data:</c> line.</param>
    /// <param name="weightsName">The weights column, or null.</param>
    /// <param name="tests">The coefficient tests, one per fixed effect in order.</param>
    /// <param name="testMethod">The df method's name for the title: "Satterthwaite" or "Kenward-Roger".</param>
    public LinearMixedModelSummary(LinearMixedModelFit fit, string dataName, string? weightsName,
        IReadOnlyList<FixedEffectTest> tests, string testMethod)
        : this(fit, dataName, weightsName)
    {
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(testMethod);
        if (tests.Count != fit.FixedEffects.Count)
            throw new ArgumentException($"{tests.Count} tests for {fit.FixedEffects.Count} fixed effects", nameof(tests));
        _tests = tests;
        _testMethod = testMethod;
    }

    /// <summary>The summary as lines of text (without line terminators).</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        lines.AddRange(Header());
        lines.Add("");
        lines.AddRange(Criterion());
        lines.Add("");
        lines.AddRange(ScaledResiduals());
        lines.Add("");
        lines.AddRange(RandomEffects());
        lines.Add(GroupsLine());
        lines.AddRange(FixedEffects());
        lines.AddRange(FitWarnings());
        lines.AddRange(OptimizerMessages());
        return lines;
    }

    /// <summary>The summary text, lines ended by a newline.</summary>
    public override string ToString() => string.Concat(Lines().Select(l => l + "\n"));

    /// <summary>Writes the summary to <paramref name="writer"/>.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in Lines()) writer.Write(line + "\n");
    }

    private IEnumerable<string> Header()
    {
        string title = _fit.Method == EstimationMethod.Reml
            ? "Linear mixed model fit by REML"
            : "Linear mixed model fit by maximum likelihood ";
        foreach (var line in _tests is null
            ? LinearMixedModelSummaryTitle.Lines(title, "lmerMod")
            : LinearMixedModelSummaryTitle.Lines($"{title}. t-tests use {_testMethod}'s method", "lmerModLmerTest"))
            yield return line;
        yield return "Formula: " + string.Join(" ", _fit.Formula.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        yield return "   Data: " + _dataName;
        if (_weightsName is not null) yield return "Weights: " + _weightsName;
    }

    private IEnumerable<string> Criterion()
    {
        if (_fit.Method == EstimationMethod.Reml)
        {
            yield return "REML criterion at convergence: " + RNumberFormatter.FormatSingle(RNumberFormatter.Round(_fit.Criterion, 1));
            yield break;
        }
        var values = new[] { _fit.Aic, _fit.Bic, _fit.LogLikelihood, _fit.Criterion, _fit.ResidualDegreesOfFreedom }
            .Select(v => RNumberFormatter.Round(v, 1)).ToArray();
        var text = RNumberFormatter.Format(values, 7);
        text[4] = RNumberFormatter.FormatSingle(values[4]);
        foreach (var line in RTextLayout.NamedVector(["AIC", "BIC", "logLik", "deviance", "df.resid"], text))
            yield return line;
    }

    private IEnumerable<string> ScaledResiduals()
    {
        yield return "Scaled residuals: ";
        double sigma = _fit.Sigma;
        var weights = _fit.Design.Frame.Weights;
        var residuals = _fit.Residuals();
        var scaled = residuals.Select((r, i) => r * (weights is null ? 1 : Math.Sqrt(weights[i])) / sigma);
        var q = RNumberFormatter.ZapSmall(Quantiles.FiveNumber(scaled), Digits + 1);
        foreach (var line in RTextLayout.NamedVector(["Min", "1Q", "Median", "3Q", "Max"], RNumberFormatter.Format(q, Digits)))
            yield return line;
    }

    private IEnumerable<string> RandomEffects()
    {
        yield return "Random effects:";
        var terms = _fit.Terms;
        var groupNames = _fit.GroupNames;
        var groups = new List<string>();
        var names = new List<string>();
        var sds = new List<double>();
        var correlations = new List<double[,]>();
        for (int i = 0; i < terms.Count; i++)
        {
            var cov = _fit.TermCovariance(i);
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
        groups.Add("Residual");
        names.Add("");
        sds.Add(_fit.Sigma);

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
        if (corrColumns > 0)
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
        foreach (var line in RTextLayout.Matrix(Enumerable.Repeat("", groups.Count).ToArray(), columns, cells, right: false))
            yield return line;
    }

    private string GroupsLine()
    {
        var counts = _fit.GroupCounts;
        var byName = _fit.Terms.Select(t => t.GroupName).Distinct().Select(g => $"{g}, {counts[g]}");
        string first = $"Number of obs: {_fit.ObservationCount}, groups: ";
        string second = string.Join("; ", byName);
        return first + " " + second;
    }

    private IEnumerable<string> FixedEffects()
    {
        var table = _fit.FixedEffects;
        int p = table.Count;
        if (p == 0) yield break;
        yield return "";
        yield return "Fixed effects:";
        foreach (var line in _tests is null ? CoefficientTable(table) : TestTable(_tests)) yield return line;
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
        var names = table.Select(f => f.Term).ToArray();
        var rowNames = RAbbreviation.Abbreviate(names, 11);
        var colNames = RAbbreviation.Abbreviate(names, 6);
        var vcov = _fit.FixedEffectsCovariance;
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

    private static IEnumerable<string> TestTable(IReadOnlyList<FixedEffectTest> tests)
    {
        double[][] columns =
        [
            tests.Select(t => t.Estimate).ToArray(),
            tests.Select(t => t.StdError).ToArray(),
            tests.Select(t => t.Df).ToArray(),
            tests.Select(t => t.TValue).ToArray(),
            tests.Select(t => t.P).ToArray(),
        ];
        return RCoefficientMatrix.Print(tests.Select(t => t.Term).ToArray(),
            ["Estimate", "Std. Error", "df", "t value", "Pr(>|t|)"], columns, Digits,
            coefficientColumns: [0, 1, 2], testColumns: [3], zapColumns: [], hasPValue: true);
    }

    private static IEnumerable<string> CoefficientTable(IReadOnlyList<FixedEffect> table)
    {
        int p = table.Count;
        var estSe = table.SelectMany(f => new[] { f.Estimate, f.StandardError }).ToArray();
        var cells = new string[p, 3];
        var nonZero = estSe.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToArray();
        int digMin = 1 + (nonZero.Length > 0 ? (int)Math.Floor(Math.Log10(nonZero.Min())) : 0);
        int decimals = Math.Max(1, Digits - digMin);
        // R formats the estimate and standard-error columns together (column-major)
        var columnMajor = table.Select(f => f.Estimate).Concat(table.Select(f => f.StandardError)).ToArray();
        var csText = RNumberFormatter.Format(columnMajor.Select(v => RNumberFormatter.Round(v, decimals)).ToArray(), Digits);
        int digTest = Math.Max(1, Math.Min(5, Digits - 1));
        var tText = RNumberFormatter.Format(table.Select(f => RNumberFormatter.Round(f.Statistic, digTest)).ToArray(), Digits);
        for (int i = 0; i < p; i++)
        {
            cells[i, 0] = csText[i];
            cells[i, 1] = csText[p + i];
            cells[i, 2] = tText[i];
            for (int c = 0; c < 2; c++)
            {
                double v = columnMajor[c * p + i];
                if (double.IsNaN(v)) cells[i, c] = "NA";
                else if (v != 0 && double.TryParse(cells[i, c], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out double shown) && shown == 0)
                    cells[i, c] = RNumberFormatter.FormatSingle(v, Math.Max(1, Digits - 1));
            }
            if (double.IsNaN(table[i].Statistic)) cells[i, 2] = "NA";
        }
        return RTextLayout.Matrix(table.Select(f => f.Term).ToArray(), ["Estimate", "Std. Error", "t value"], cells, right: true);
    }

    private IEnumerable<string> FitWarnings()
    {
        var messages = new List<string>();
        int dropped = _fit.DroppedColumns.Count;
        if (dropped > 0)
            messages.Add(dropped == 1
                ? "fixed-effect model matrix is rank deficient so dropping 1 column / coefficient"
                : $"fixed-effect model matrix is rank deficient so dropping {dropped} columns / coefficients");
        if (_fit.DroppedRowCount > 0)
            messages.Add(_fit.DroppedRowCount == 1
                ? "1 row with missing values dropped"
                : $"{_fit.DroppedRowCount} rows with missing values dropped");
        if (messages.Count == 0) yield break;
        yield return "fit warnings:";
        foreach (var m in messages) yield return m;
    }

    private IEnumerable<string> OptimizerMessages()
    {
        var messages = _fit.Warnings
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
}
