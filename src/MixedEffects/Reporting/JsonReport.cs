using System.Text.Json;
using System.Text.Json.Serialization;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// The machine-readable report of a linear mixed model fit (the CLI's <c>--format json</c>): one JSON object
/// built from <see cref="LinearMixedModelReport"/>, numbers in round-trip precision, NaN and infinities as null.
/// </summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report object for a fit.</summary>
    public static LinearMixedModelReport Build(LinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new LinearMixedModelReport
        {
            Nobs = fit.ObservationCount,
            Ngroups = fit.Terms.Select(t => t.GroupName).Distinct()
                .ToDictionary(g => g, g => fit.GroupCounts[g]),
            Method = fit.Method == EstimationMethod.Reml ? "REML" : "ML",
            Converged = fit.Converged,
            Singular = fit.Singular,
            Warnings = AllWarnings(fit),
            LogLik = Finite(fit.LogLikelihood),
            Aic = Finite(fit.Aic),
            Bic = Finite(fit.Bic),
            RemlCrit = Finite(fit.RemlCriterion),
            Deviance = Finite(fit.Deviance),
            Sigma = Finite(fit.Sigma),
            Evaluations = fit.Evaluations,
            Fixed = fit.FixedEffects.Select(f => new FixedEffectReport(f.Term, Finite(f.Estimate), Finite(f.StandardError), Finite(f.Statistic))).ToArray(),
            Random = fit.VarianceComponents.Select(v => new VarianceComponentReport(v.Group, v.Term1, v.Term2, Finite(v.Vcov), Finite(v.SdCor))).ToArray(),
            DroppedRows = fit.DroppedRowCount,
            DroppedColumns = fit.DroppedColumns.ToArray(),
        };
    }

    /// <summary>The report of a fit as indented JSON text.</summary>
    public static string Serialize(LinearMixedModelFit fit) => Serialize(Build(fit));

    /// <summary>A report object as indented JSON text.</summary>
    public static string Serialize(LinearMixedModelReport report) => JsonSerializer.Serialize(report, Options);

    private static string[] AllWarnings(LinearMixedModelFit fit)
    {
        var list = new List<string>();
        int dropped = fit.DroppedColumns.Count;
        if (dropped > 0)
            list.Add(dropped == 1
                ? "fixed-effect model matrix is rank deficient so dropping 1 column / coefficient"
                : $"fixed-effect model matrix is rank deficient so dropping {dropped} columns / coefficients");
        foreach (var w in fit.Warnings)
            if (!list.Contains(w)) list.Add(w);
        return list.ToArray();
    }

    private static double? Finite(double? v) => v is double d && double.IsFinite(d) ? d : null;
}
