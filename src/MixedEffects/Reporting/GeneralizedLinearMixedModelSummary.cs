using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// The text lme4 prints for <c>summary(glmer(...))</c>: title (Laplace approximation or adaptive Gauss-Hermite
/// quadrature), family and link, formula and data, the AIC/BIC/logLik/deviance/df.resid table (where "deviance" is
/// -2 log-likelihood), Pearson residuals, random effects, numbers of observations and groups, the fixed effects with
/// Wald z tests and significance stars, their correlations, then fit warnings and convergence messages.
/// </summary>
public sealed class GeneralizedLinearMixedModelSummary
{
    private const int Digits = 4;

    private readonly GeneralizedLinearMixedModelFit _fit;
    private readonly string _dataName;
    private readonly string? _weightsName;

    /// <summary>Creates the summary of a fit.</summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="dataName">How the data is named on the <c>Data:</c> line (a dataset name or file path).</param>
    /// <param name="weightsName">The weights column, printed on a <c>Weights:</c> line; null for none.</param>
    public GeneralizedLinearMixedModelSummary(GeneralizedLinearMixedModelFit fit, string dataName, string? weightsName = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(dataName);
        _fit = fit;
        _dataName = dataName;
        _weightsName = weightsName;
    }

    /// <summary>The title lme4 gives a fit with <paramref name="nAgq"/> quadrature points (before the class name).</summary>
    public static string Title(int nAgq) => nAgq == 1
        ? "Generalized linear mixed model fit by maximum likelihood (Laplace Approximation)"
        : $"Generalized linear mixed model fit by maximum likelihood (Adaptive Gauss-Hermite Quadrature, nAGQ = {nAgq})";

    /// <summary>The summary as lines of text (without line terminators).</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>();
        lines.AddRange(Header());
        lines.Add("");
        lines.AddRange(MixedModelSummarySections.InformationCriteria(_fit.Aic, _fit.Bic, _fit.LogLikelihood,
            _fit.MinusTwoLogLikelihood, _fit.ResidualDegreesOfFreedom));
        lines.Add("");
        lines.AddRange(MixedModelSummarySections.ScaledResiduals(_fit.PearsonResiduals()));
        lines.Add("");
        lines.AddRange(MixedModelSummarySections.RandomEffects(_fit.Terms, _fit.GroupNames, _fit.TermCovariance, sigma: null));
        lines.Add(MixedModelSummarySections.GroupsLine(_fit.Terms, _fit.GroupCounts, _fit.ObservationCount));
        lines.AddRange(FixedEffects());
        lines.AddRange(MixedModelSummarySections.FitWarnings(_fit.DroppedColumns.Count, _fit.DroppedRowCount));
        lines.AddRange(MixedModelSummarySections.OptimizerMessages(_fit.Warnings));
        return lines;
    }

    /// <summary>The summary text, lines ended by a newline.</summary>
    public override string ToString() => MixedModelSummarySections.Text(Lines());

    /// <summary>Writes the summary to <paramref name="writer"/>.</summary>
    public void WriteTo(TextWriter writer) => MixedModelSummarySections.WriteTo(Lines(), writer);

    private IEnumerable<string> Header()
    {
        foreach (var line in LinearMixedModelSummaryTitle.Lines(Title(_fit.NAgq), "glmerMod")) yield return line;
        yield return $" Family: {_fit.Family.Name}  ( {_fit.Link.Name} )";
        foreach (var line in MixedModelSummarySections.FormulaAndData(_fit.Formula, _dataName, _weightsName)) yield return line;
    }

    private IEnumerable<string> FixedEffects()
    {
        var table = _fit.FixedEffects;
        return MixedModelSummarySections.FixedEffects(table.Select(f => f.Term).ToArray(), () => CoefficientTable(table),
            _fit.FixedEffectsCovariance);
    }

    private static IEnumerable<string> CoefficientTable(IReadOnlyList<GlmmFixedEffect> table)
    {
        double[][] columns =
        [
            table.Select(f => f.Estimate).ToArray(),
            table.Select(f => f.StandardError).ToArray(),
            table.Select(f => f.Z).ToArray(),
            table.Select(f => f.PValue).ToArray(),
        ];
        return RCoefficientMatrix.Print(table.Select(f => f.Term).ToArray(),
            ["Estimate", "Std. Error", "z value", "Pr(>|z|)"], columns, Digits,
            coefficientColumns: [0, 1], testColumns: [2], zapColumns: [], hasPValue: true);
    }
}
