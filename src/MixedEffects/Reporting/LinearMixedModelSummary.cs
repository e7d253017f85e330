using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// The text lme4 prints for <c>summary(lmer(...))</c>: title, formula and data, criterion (REML) or the
/// AIC/BIC/logLik/deviance/df.resid table (ML), scaled residuals, random effects, numbers of observations and
/// groups, nlme's variance-function block for a residual variance structure, fixed effects, their correlations (up to 12 coefficients), then fit warnings and convergence messages.
/// Given t tests with a df method, the title and the coefficient table are lmerTest's (df, p values, stars).
/// </summary>
public sealed class LinearMixedModelSummary
{
    private const int Digits = 4;

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
        if (_fit.VarianceFunction is { } variance) lines.AddRange(VarianceFunctionSection.Lines(variance));
        lines.AddRange(FixedEffects());
        lines.AddRange(FitWarnings());
        lines.AddRange(OptimizerMessages());
        return lines;
    }

    /// <summary>The summary text, lines ended by a newline.</summary>
    public override string ToString() => MixedModelSummarySections.Text(Lines());

    /// <summary>Writes the summary to <paramref name="writer"/>.</summary>
    public void WriteTo(TextWriter writer) => MixedModelSummarySections.WriteTo(Lines(), writer);

    private IEnumerable<string> Header()
    {
        string title = _fit.Method == EstimationMethod.Reml
            ? "Linear mixed model fit by REML"
            : "Linear mixed model fit by maximum likelihood ";
        var titleLines = _tests is null
            ? LinearMixedModelSummaryTitle.Lines(title, "lmerMod")
            : LinearMixedModelSummaryTitle.Lines($"{title}. t-tests use {_testMethod}'s method", "lmerModLmerTest");
        return titleLines.Concat(MixedModelSummarySections.FormulaAndData(_fit.Formula, _dataName, _weightsName));
    }

    private IEnumerable<string> Criterion()
    {
        if (_fit.Method == EstimationMethod.Reml)
            return ["REML criterion at convergence: " + RNumberFormatter.FormatSingle(RNumberFormatter.Round(_fit.Criterion, 1))];
        return MixedModelSummarySections.InformationCriteria(_fit.Aic, _fit.Bic, _fit.LogLikelihood, _fit.Criterion,
            _fit.ResidualDegreesOfFreedom);
    }

    private IEnumerable<string> ScaledResiduals()
    {
        double sigma = _fit.Sigma;
        var weights = _fit.Design.Frame.Weights;
        var residuals = _fit.Residuals();
        return MixedModelSummarySections.ScaledResiduals(
            residuals.Select((r, i) => r * (weights is null ? 1 : Math.Sqrt(weights[i])) / sigma));
    }

    private IEnumerable<string> RandomEffects() =>
        MixedModelSummarySections.RandomEffects(_fit.Terms, _fit.GroupNames, _fit.TermCovariance, _fit.Sigma);

    private string GroupsLine() => MixedModelSummarySections.GroupsLine(_fit.Terms, _fit.GroupCounts, _fit.ObservationCount);

    private IEnumerable<string> FixedEffects()
    {
        var table = _fit.FixedEffects;
        return MixedModelSummarySections.FixedEffects(table.Select(f => f.Term).ToArray(),
            () => _tests is null ? CoefficientTable(table) : TestTable(_tests), _fit.FixedEffectsCovariance);
    }

    internal static IEnumerable<string> TestTable(IReadOnlyList<FixedEffectTest> tests)
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

    internal static IEnumerable<string> CoefficientTable(IReadOnlyList<FixedEffect> table)
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

    private IEnumerable<string> FitWarnings() =>
        MixedModelSummarySections.FitWarnings(_fit.DroppedColumns.Count, _fit.DroppedRowCount);

    private IEnumerable<string> OptimizerMessages() => MixedModelSummarySections.OptimizerMessages(_fit.Warnings);
}
