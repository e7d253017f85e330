using System.Diagnostics;
using MixedEffects.Formulas;
using MixedEffects.Models;
using MixedEffects.Optimization;

namespace MixedEffects.Sql;

/// <summary>
/// Fits linear mixed models where the data live: the cross products are computed by SQL aggregation in the engine,
/// then the profiled criterion is optimized exactly as for in-memory data (same start, bounds, optimizer and checks),
/// so on data that fit in memory both give the same optimum after the same evaluations.
/// </summary>
public static class SqlLinearMixedModel
{
    /// <summary>
    /// Fits <paramref name="formula"/> to the rows of <paramref name="source"/>; with <paramref name="residualPass"/>, a
    /// second pass in the engine computes the quantiles of the scaled residuals at the estimates.
    /// </summary>
    /// <exception cref="MixedEffectsException">A bad formula, a source problem, or a model that cannot be fitted.</exception>
    public static SqlLinearMixedModelFit Fit(string formula, SqlSource source, LinearMixedModelOptions? options = null, bool residualPass = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new LinearMixedModelOptions();
        if (options.WeightsColumn is not null)
            throw new ModelSpecificationException("prior weights are not supported for a SQL source yet");
        var spec = ModelSpecification.FromFormula(formula);
        var clock = Stopwatch.StartNew();
        var cpu = SqlModel.ProcessorTime();
        var aggregates = SqlAggregator.Run(source, spec, options.Contrasts);
        var aggregation = clock.Elapsed;
        return new SqlModel(formula, source, spec.Warnings, aggregates, options).Fit(aggregation, SqlModel.ProcessorTime() - cpu, residualPass);
    }
}
