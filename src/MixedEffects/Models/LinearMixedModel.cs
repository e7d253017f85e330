using MixedEffects.Data;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// Fits linear mixed-effects models as lme4's <c>lmer</c>, stage by stage: the design (formula, frame, matrices), the
/// objective (<see cref="LinearMixedModelObjective"/>: the profiled criterion at a parameter vector, its bounds and
/// start), the optimizer (the options' algorithm with its convergence checks), then the assembled fit.
/// </summary>
public static class LinearMixedModel
{
    /// <summary>Fits <paramref name="formula"/> to <paramref name="data"/>.</summary>
    /// <exception cref="MixedEffectsException">For a bad formula, unknown column, or a model that cannot be fitted.</exception>
    public static LinearMixedModelFit Fit(string formula, Dataset data, LinearMixedModelOptions? options = null) =>
        Fit(LinearMixedModelObjective.Create(formula, data, options));

    /// <summary>Fits a model whose design has already been built (used when refitting, e.g. by ML).</summary>
    internal static LinearMixedModelFit Fit(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula) =>
        Fit(new LinearMixedModelObjective(design, options, formula));

    /// <summary>Optimizes <paramref name="objective"/> from the options' start values (lme4's start when none) and returns the fit.</summary>
    public static LinearMixedModelFit Fit(LinearMixedModelObjective objective) => Fit(objective, StartTheta(objective));

    /// <summary>Optimizes <paramref name="objective"/> from <paramref name="start"/> and returns the fit at the optimum.</summary>
    public static LinearMixedModelFit Fit(LinearMixedModelObjective objective, double[] start)
    {
        if (objective.Options.Variance is not null)
            return HeteroscedasticModel.Fit(objective.Design, objective.Options, objective.Formula);
        var options = objective.Options;
        var map = objective.Parameters;
        var settings = options.Optimizer ?? new OptimizerSettings();
        var convergence = new ConvergenceSettings
        {
            GradientTolerance = options.GradientTolerance,
            CheckDerivatives = options.CheckGradient ?? objective.Design.CrossProducts.RowCount < 10000,
            MaxRestarts = options.MaxRestarts,
        };
        var gradientSearch = options.Algorithm == OptimizerChoice.LBfgsB ? GradientSearch(objective, map.LowerBounds, map.UpperBounds, settings) : null;
        var algorithm = options.Algorithm == OptimizerChoice.LBfgsB && gradientSearch is null ? OptimizerChoice.Bobyqa : options.Algorithm;
        var summary = OptimizerFactory.Create(algorithm)
            .Minimize(new FitProgressReporter(options.Progress).Wrap(p => objective.Evaluate(p)), start, map.LowerBounds, map.UpperBounds, settings, convergence, gradientSearch);
        var warnings = summary.Warnings.ToList();
        var final = summary.FinalParameters.ToArray();
        // lme4's checkConv: the Hessian check runs on fits that are not singular, when derivatives are checked
        if (convergence.CheckDerivatives && double.IsFinite(summary.FinalValue) && !map.IsSingular(final, options.SingularTolerance))
            warnings.AddRange(HessianCheck.Messages(p => objective.Evaluate(p), final, summary.FinalValue));
        return objective.Assemble(final, summary.Evaluations, summary.Converged, warnings, summary);
    }

    /// <summary>
    /// L-BFGS-B on the criterion with its analytic gradient, from a given start, then BOBYQA from its result (the
    /// quasi-Newton search can stop early on flat ridges of many-parameter models); null (BOBYQA is used) when the
    /// dense gradient would be too costly (more than <see cref="ProfiledDevianceGradient.MaxOrder"/> random and fixed effects).
    /// </summary>
    private static Func<double[], OptimizationResult>? GradientSearch(LinearMixedModelObjective objective, double[] lower, double[] upper,
        OptimizerSettings settings)
    {
        var design = objective.Design;
        var options = objective.Options;
        if (objective.Parameters.Count != objective.Parameters.ThetaCount) return null;
        if (design.Terms.Sum(t => t.RandomEffectCount) + design.X.Matrix.Columns.Length > ProfiledDevianceGradient.MaxOrder) return null;
        var gradient = ProfiledDevianceGradient.ForDesign(design, options.Method);
        double ValueAndGradient(double[] theta, double[] g)
        {
            double f = objective.Evaluate(theta);
            if (double.IsFinite(f)) gradient.Evaluate(theta, g);
            return f;
        }
        return start =>
        {
            var quasiNewton = new LimitedMemoryBfgsB().Minimize(ValueAndGradient, start, lower, upper);
            var polish = new Bobyqa().Minimize(th => objective.Evaluate(th), quasiNewton.Minimizer, lower, upper, settings);
            var best = polish.Minimum < quasiNewton.Minimum ? polish : quasiNewton;
            return best with
            {
                Evaluations = quasiNewton.Evaluations + polish.Evaluations,
                InitialPoint = quasiNewton.InitialPoint,
                InitialValue = quasiNewton.InitialValue,
            };
        };
    }

    /// <summary>The user's start values, checked against the number of parameters, or lme4's default start.</summary>
    private static double[] StartTheta(LinearMixedModelObjective objective)
    {
        var start = objective.Parameters.Start;
        var given = objective.Options.StartTheta;
        if (given is null) return start;
        if (given.Count != start.Length)
            throw new ModelSpecificationException($"start values: the model has {start.Length} covariance parameters (theta) but {given.Count} start values were given");
        if (given.Any(v => !double.IsFinite(v)))
            throw new ModelSpecificationException($"start values: every theta must be a finite number (got {string.Join(", ", given)})");
        return given.ToArray();
    }

    /// <summary>
    /// The model evaluated at a given theta without optimizing (for profiles, bootstrap replicates and
    /// comparisons at another program's estimates).
    /// </summary>
    internal static LinearMixedModelFit FitAtTheta(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula, double[] theta) =>
        new LinearMixedModelObjective(design, options, formula).FitAt(theta);
}
