using System.Text.Json;
using MixedEffects.Inference;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// The machine-readable report of a linear mixed model fit (the CLI's <c>--format json</c>): one JSON object
/// built from <see cref="LinearMixedModelReport"/>, numbers in round-trip precision, NaN and infinities as null.
/// </summary>
public static class JsonReport
{
    /// <summary>The report object for a fit, the fixed effects with tests and intervals.</summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="tests">
    /// One row per fixed effect: fills <c>df</c> and <c>p</c> (left null for asymptotic rows, whose df is
    /// infinite, as lme4 reports no p values), <c>lower</c> and <c>upper</c>, and takes the standard error from the
    /// tests (Kenward-Roger's adjusted one). Null for the plain lme4 report.
    /// </param>
    public static LinearMixedModelReport Build(LinearMixedModelEstimates fit, IReadOnlyList<FixedEffectTest>? tests)
    {
        var report = Build(fit);
        if (tests is null) return report;
        if (tests.Count != report.Fixed.Count)
            throw new ArgumentException($"{tests.Count} tests for {report.Fixed.Count} fixed effects", nameof(tests));
        return report with
        {
            Fixed = tests.Select(t =>
            {
                bool hasDf = double.IsFinite(t.Df);
                return new FixedEffectReport(t.Term, Finite(t.Estimate), Finite(t.StdError), Finite(t.TValue),
                    hasDf ? t.Df : null, hasDf ? Finite(t.P) : null, Finite(t.Lower), Finite(t.Upper));
            }).ToArray(),
        };
    }

    /// <summary>
    /// The report object for a fit (from rows in memory or from aggregated cross products; the variance function,
    /// dropped rows and optimizer record come from an in-memory fit).
    /// </summary>
    public static LinearMixedModelReport Build(LinearMixedModelEstimates fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var inMemory = fit as LinearMixedModelFit;
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
            Variance = inMemory?.VarianceFunction is { } variance ? VarianceFunctionReport.From(variance) : null,
            DroppedRows = inMemory?.DroppedRowCount ?? 0,
            DroppedColumns = fit.DroppedColumns.ToArray(),
            Optimizer = inMemory?.Optimization is { } optimization ? OptimizerReport.From(optimization) : null,
        };
    }

    /// <summary>
    /// The report object for a generalized fit: fixed effects with Wald z tests and normal intervals at
    /// <paramref name="level"/>, variance components without a residual row, <c>sigma</c> and <c>REMLcrit</c> null.
    /// </summary>
    public static LinearMixedModelReport Build(GeneralizedLinearMixedModelFit fit, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "the confidence level must be strictly between 0 and 1");
        double z = Distributions.ProbabilityFunctions.NormalQuantile((1 + level) / 2);
        return new LinearMixedModelReport
        {
            Nobs = fit.ObservationCount,
            Ngroups = fit.Terms.Select(t => t.GroupName).Distinct().ToDictionary(g => g, g => fit.GroupCounts[g]),
            Method = MethodName(fit.NAgq),
            Family = fit.Family.Name,
            Link = fit.Link.Name,
            Converged = fit.Converged,
            Singular = fit.Singular,
            Warnings = fit.Warnings.ToArray(),
            LogLik = Finite(fit.LogLikelihood),
            Aic = Finite(fit.Aic),
            Bic = Finite(fit.Bic),
            RemlCrit = null,
            Deviance = Finite(fit.Deviance),
            Sigma = null,
            Evaluations = fit.Evaluations,
            Level = level,
            Fixed = fit.FixedEffects.Select(f => new FixedEffectReport(f.Term, Finite(f.Estimate), Finite(f.StandardError),
                Finite(f.Z), null, Finite(f.PValue), Finite(f.Estimate - z * f.StandardError), Finite(f.Estimate + z * f.StandardError))).ToArray(),
            Random = fit.VarianceComponents.Select(v => new VarianceComponentReport(v.Group, v.Term1, v.Term2, Finite(v.Vcov), Finite(v.SdCor))).ToArray(),
            DroppedRows = fit.DroppedRowCount,
            DroppedColumns = fit.DroppedColumns.ToArray(),
        };
    }

    /// <summary>The JSON method name of a generalized fit: "Laplace" (nAGQ = 1), "AGQ(n)" or "nAGQ=0".</summary>
    public static string MethodName(int nAgq) => nAgq switch
    {
        0 => "nAGQ=0",
        1 => "Laplace",
        _ => $"AGQ({nAgq})",
    };

    /// <summary>The report of a fit as indented JSON text.</summary>
    public static string Serialize(LinearMixedModelFit fit) => Serialize(Build(fit));

    /// <summary>A report object as indented JSON text.</summary>
    public static string Serialize(LinearMixedModelReport report) => Serialize(report, ReportJsonContext.Default.LinearMixedModelReport);

    /// <summary>A least-squares report (<c>mixed lm</c>) as indented JSON text.</summary>
    public static string Serialize(LeastSquaresReport report) => Serialize(report, ReportJsonContext.Default.LeastSquaresReport);

    /// <summary>A per-group least-squares report (<c>mixed lmlist</c>) as indented JSON text.</summary>
    public static string Serialize(PerGroupLeastSquaresReport report) => Serialize(report, ReportJsonContext.Default.PerGroupLeastSquaresReport);

    /// <summary>A generalized least-squares report (<c>mixed gls</c>) as indented JSON text.</summary>
    public static string Serialize(GeneralizedLeastSquaresReport report) => Serialize(report, ReportJsonContext.Default.GeneralizedLeastSquaresReport);

    private static string Serialize<T>(T report, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            JsonSerializer.Serialize(writer, report, type);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Indented; text escaped only where JSON requires it.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string[] AllWarnings(LinearMixedModelEstimates fit)
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
