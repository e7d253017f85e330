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
        var algorithm = options.Algorithm != OptimizerChoice.Automatic
            ? (options.Algorithm == OptimizerChoice.LBfgsB && !objective.HasGradient ? OptimizerChoice.Bobyqa : options.Algorithm)
            : AutomaticChoice(objective);
        var reporter = new FitProgressReporter(options.Progress);
        var value = reporter.Wrap(p => objective.Evaluate(p));
        double[] gradientTarget = [];
        var valueWithGradient = reporter.Wrap(p => objective.Evaluate(p, gradientTarget));
        double ValueAndGradient(double[] p, double[] g)
        {
            gradientTarget = g;
            return valueWithGradient(p);
        }
        // the reflection probes serve the gradient search, whose corners they open; BOBYQA's restarts reach the same
        // optima without them
        var summary = algorithm == OptimizerChoice.LBfgsB
            ? PersistentMinimizer.WithGradient(OptimizerFactory.Name(OptimizerChoice.LBfgsB))
                .Minimize(ValueAndGradient, value, start, map.LowerBounds, map.UpperBounds, convergence, map.Reflections)
            : OptimizerFactory.Create(algorithm).Minimize(value, start, map.LowerBounds, map.UpperBounds, settings, convergence);
        var warnings = summary.Warnings.ToList();
        var final = summary.FinalParameters.ToArray();
        // lme4's checkConv: the Hessian check runs on fits that are not singular, when derivatives are checked
        if (convergence.CheckDerivatives && double.IsFinite(summary.FinalValue) && !map.IsSingular(final, options.SingularTolerance))
            warnings.AddRange(algorithm == OptimizerChoice.LBfgsB
                ? HessianCheck.Messages(GradientHessian(objective, final))
                : HessianCheck.Messages(p => objective.Evaluate(p), final, summary.FinalValue));
        return objective.Assemble(final, summary.Evaluations, summary.Converged, warnings, summary);
    }

    /// <summary>
    /// <see cref="OptimizerChoice.Automatic"/>: L-BFGS-B where the gradient pays (see
    /// <see cref="OptimizerFactory.AutomaticGradientParameters"/>, <see cref="OptimizerFactory.AutomaticGradientDenseOrder"/> and
    /// <see cref="OptimizerFactory.AutomaticTraceGradientDenseOrder"/>),
    /// BOBYQA otherwise.
    /// </summary>
    private static OptimizerChoice AutomaticChoice(LinearMixedModelObjective objective)
    {
        if (!objective.HasGradient) return OptimizerChoice.Bobyqa;
        var layout = objective.Design.CrossProducts.Layout;
        if (layout.RestRandomEffects <= OptimizerFactory.AutomaticGradientDenseOrder
            && objective.Parameters.Count > OptimizerFactory.AutomaticGradientParameters) return OptimizerChoice.LBfgsB;
        return ScalarCrossed(objective) ? OptimizerChoice.LBfgsB : OptimizerChoice.Bobyqa;
    }

    /// <summary>
    /// The automatic choice's exception: scalar crossed terms whose dense block is above
    /// <see cref="OptimizerFactory.AutomaticGradientDenseOrder"/> and at most
    /// <see cref="OptimizerFactory.AutomaticTraceGradientDenseOrder"/>.
    /// </summary>
    private static bool ScalarCrossed(LinearMixedModelObjective objective)
    {
        var layout = objective.Design.CrossProducts.Layout;
        return objective.HasGradient && layout.RestRandomEffects > OptimizerFactory.AutomaticGradientDenseOrder
            && layout.RestRandomEffects <= OptimizerFactory.AutomaticTraceGradientDenseOrder
            && LinearAlgebra.InverseDiagonalTraces.Applies(layout);
    }

    /// <summary>The Hessian at <paramref name="x"/> by central differences of the analytic gradient (2k gradient evaluations).</summary>
    private static double[,] GradientHessian(LinearMixedModelObjective objective, double[] x)
    {
        int k = x.Length;
        var gradient = new double[k];
        objective.Evaluate(x, gradient);
        var d = FiniteDifferenceDerivatives.FromGradients((p, g) => objective.Evaluate(p, g), x, gradient, Enumerable.Range(0, k).ToArray());
        var hessian = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) hessian[i, j] = d.Hessian[i * k + j];
        return hessian;
    }

    /// <summary>
    /// The user's start values, checked against the number of parameters, or lme4's default start; for the automatic
    /// choice's scalar crossed exception, random intercepts start from their moment estimates (<see cref="MomentStart"/>):
    /// InstEval needs 15 gradient evaluations from there against 26 from lme4's start.
    /// </summary>
    private static double[] StartTheta(LinearMixedModelObjective objective)
    {
        var start = objective.Parameters.Start;
        var given = objective.Options.StartTheta;
        if (given is null)
            return objective.Options.Algorithm == OptimizerChoice.Automatic && objective.Options.Variance is null && ScalarCrossed(objective)
                ? MomentStart.Compute(objective.Design) ?? start
                : start;
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
