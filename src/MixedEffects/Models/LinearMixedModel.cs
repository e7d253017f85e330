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
        var objective = new ProfiledDeviance(design.CrossProducts, options.Method);
        var lower = design.Terms.SelectMany(t => t.ThetaLowerBounds()).ToArray();
        var upper = lower.Select(_ => double.PositiveInfinity).ToArray();
        var start = design.Terms.SelectMany(t => t.ThetaStart()).ToArray();
        var settings = options.Optimizer ?? new OptimizerSettings();
        var result = new Bobyqa().Minimize(th => objective.Evaluate(th), start, lower, upper, settings);
        int evaluations = objective.Evaluations;

        var theta = result.Minimizer.ToArray();
        var warnings = new List<string>();
        if (result.ReturnCode == OptimizationReturnCode.MaxEvaluationsReached)
            warnings.Add($"maximum number of function evaluations exceeded ({evaluations})");
        bool checkGradient = options.CheckGradient ?? design.CrossProducts.RowCount < 10000;
        bool converged = result.ReturnCode != OptimizationReturnCode.MaxEvaluationsReached;
        if (checkGradient)
        {
            var check = ConvergenceCheck.Run(th => objective.Evaluate(th), theta, lower, options.GradientTolerance);
            if (check is not null) { warnings.Add(check); converged = false; }
        }
        return Assemble(design, options, formula, objective, theta, evaluations, converged, warnings);
    }

    /// <summary>
    /// The model evaluated at a given theta without optimizing (for profiles, bootstrap replicates and
    /// comparisons at another program's estimates).
    /// </summary>
    internal static LinearMixedModelFit FitAtTheta(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula, double[] theta)
    {
        var objective = new ProfiledDeviance(design.CrossProducts, options.Method);
        return Assemble(design, options, formula, objective, theta.ToArray(), 0, true, new List<string>());
    }

    private static LinearMixedModelFit Assemble(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula,
        ProfiledDeviance objective, double[] theta, int evaluations, bool converged, List<string> warnings)
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
            evaluations, converged, singular, warnings);
    }
}
