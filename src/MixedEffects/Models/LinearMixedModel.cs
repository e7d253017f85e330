using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;
using MixedEffects.LinearAlgebra;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// Fits linear mixed-effects models as lme4's <c>lmer</c>: parse the formula, build the model frame and matrices,
/// build the profiled criterion, optimize theta with BOBYQA, check the optimum, assemble the fit.
/// </summary>
public static class LinearMixedModel
{
    /// <summary>Fits <paramref name="formula"/> to <paramref name="data"/>.</summary>
    /// <exception cref="MixedEffectsException">For a bad formula, unknown column, or a model that cannot be fitted.</exception>
    public static LinearMixedModelFit Fit(string formula, Dataset data, LinearMixedModelOptions? options = null)
    {
        options ??= new LinearMixedModelOptions();
        var design = LinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula), data, options);
        return Fit(design, options, formula);
    }

    /// <summary>Fits a model whose design has already been built (used when refitting, e.g. by ML).</summary>
    internal static LinearMixedModelFit Fit(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula)
    {
        if (options.Variance is not null) return HeteroscedasticModel.Fit(design, options, formula);
        var objective = new ProfiledDeviance(design.CrossProducts, options.Method);
        var lower = design.Terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
        var start = StartTheta(design, options);
        var settings = options.Optimizer ?? new OptimizerSettings();
        var convergence = new ConvergenceSettings
        {
            GradientTolerance = options.GradientTolerance,
            CheckDerivatives = options.CheckGradient ?? design.CrossProducts.RowCount < 10000,
            MaxRestarts = options.MaxRestarts,
        };
        var summary = OptimizerFactory.Create(options.Algorithm)
            .Minimize(th => objective.Evaluate(th), start, lower, upper, settings, convergence);
        return Assemble(design, options, formula, objective, summary.FinalParameters.ToArray(), summary.Evaluations,
            summary.Converged, summary.Warnings.ToList(), summary);
    }

    /// <summary>The user's start values, checked against the number of parameters, or lme4's default start.</summary>
    private static double[] StartTheta(LinearMixedModelDesign design, LinearMixedModelOptions options)
    {
        var start = design.Terms.SelectMany(t => t.ThetaStart()).ToArray();
        if (options.StartTheta is null) return start;
        if (options.StartTheta.Count != start.Length)
            throw new ModelSpecificationException($"start values: the model has {start.Length} covariance parameters (theta) but {options.StartTheta.Count} start values were given");
        if (options.StartTheta.Any(v => !double.IsFinite(v)))
            throw new ModelSpecificationException($"start values: every theta must be a finite number (got {string.Join(", ", options.StartTheta)})");
        return options.StartTheta.ToArray();
    }

    /// <summary>
    /// The model evaluated at a given theta without optimizing (for profiles, bootstrap replicates and
    /// comparisons at another program's estimates).
    /// </summary>
    internal static LinearMixedModelFit FitAtTheta(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula, double[] theta)
    {
        var objective = new ProfiledDeviance(design.CrossProducts, options.Method);
        return Assemble(design, options, formula, objective, theta.ToArray(), 0, true, new List<string>(), null);
    }

    /// <summary>The fit at theta from the design's cross products; <paramref name="variance"/> for a residual variance structure whose weights the design carries.</summary>
    internal static LinearMixedModelFit Assemble(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula,
        ProfiledDeviance objective, double[] theta, int evaluations, bool converged, List<string> warnings, OptimizerSummary? summary,
        VarianceEstimate? variance = null)
    {
        double criterion = objective.Evaluate(theta);
        if (double.IsPositiveInfinity(criterion))
            throw new ModelSpecificationException("the model's covariance factor is not positive definite at the estimates");
        var lower = design.Terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        bool singular = theta.Where((_, i) => lower[i] == 0).Any(v => v < options.SingularTolerance);
        if (singular) warnings.Insert(0, "boundary (singular) fit: see help('isSingular')");
        warnings.InsertRange(0, design.Frame.Warnings.Where(w => !warnings.Contains(w)));
        int dropped = design.X.DroppedColumns.Count;
        if (dropped > 0)
            warnings.Insert(0, $"fixed-effect model matrix is rank deficient so dropping {dropped} column{(dropped == 1 ? "" : "s")} / coefficient{(dropped == 1 ? "" : "s")}");
        var solution = new LinearMixedModelSolution(objective.Factor, options.Method);
        return new LinearMixedModelFit(formula, design, options, theta, criterion, solution, objective.Factor,
            evaluations, converged, singular, warnings, variance) { Optimization = summary };
    }
}
