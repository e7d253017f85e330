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
        var cpu = new List<TimeSpan> { ProcessorTime() };
        var aggregates = SqlAggregator.Run(source, spec, options.Contrasts);
        var aggregation = clock.Elapsed;
        cpu.Add(ProcessorTime());
        clock.Restart();

        var a = aggregates.CrossProducts;
        var objective = new ProfiledDeviance(a, options.Method);
        var lower = aggregates.Terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
        var start = options.StartTheta?.ToArray() ?? aggregates.Terms.SelectMany(t => t.ThetaStart()).ToArray();
        if (start.Length != lower.Length)
            throw new ModelSpecificationException($"start values: the model has {lower.Length} covariance parameters (theta) but {start.Length} start values were given");
        var convergence = new ConvergenceSettings
        {
            GradientTolerance = options.GradientTolerance,
            CheckDerivatives = options.CheckGradient ?? a.RowCount < 10000,
            MaxRestarts = options.MaxRestarts,
        };
        var summary = OptimizerFactory.Create(options.Algorithm)
            .Minimize(th => objective.Evaluate(th), start, lower, upper, options.Optimizer ?? new OptimizerSettings(), convergence);
        var theta = summary.FinalParameters.ToArray();
        int evaluations = summary.Evaluations;
        bool converged = summary.Converged;
        var warnings = summary.Warnings.ToList();
        double criterion = objective.Evaluate(theta);
        if (double.IsPositiveInfinity(criterion))
            throw new ModelSpecificationException("the model's covariance factor is not positive definite at the estimates");
        bool singular = theta.Where((_, i) => lower[i] == 0).Any(v => v < options.SingularTolerance);
        if (singular) warnings.Insert(0, "boundary (singular) fit: see help('isSingular')");
        warnings.InsertRange(0, spec.Warnings.Where(w => !warnings.Contains(w)));
        int dropped = aggregates.DroppedColumns.Count;
        if (dropped > 0)
            warnings.Insert(0, $"fixed-effect model matrix is rank deficient so dropping {dropped} column{(dropped == 1 ? "" : "s")} / coefficient{(dropped == 1 ? "" : "s")}");
        var solution = new LinearMixedModelSolution(objective.Factor, options.Method);
        var optimization = clock.Elapsed;
        cpu.Add(ProcessorTime());
        clock.Restart();
        var quantiles = residualPass
            ? SqlResidualPass.ScaledResidualQuantiles(source, aggregates.Query, solution.Beta, solution.RandomEffects, solution.Sigma)
            : null;
        cpu.Add(ProcessorTime());
        var times = new SqlFitTimes(aggregation, optimization, residualPass ? clock.Elapsed : null)
        {
            AggregationCpu = cpu[1] - cpu[0],
            OptimizationCpu = cpu[2] - cpu[1],
            ResidualPassCpu = cpu[3] - cpu[2],
        };
        return new SqlLinearMixedModelFit(formula, source.Description, aggregates, options.Method, theta, criterion, solution,
            objective.Factor, evaluations, converged, singular, warnings, quantiles, times);
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
