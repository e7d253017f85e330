using MixedEffects.Data;
using MixedEffects.LinearAlgebra;
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
        Fit(LinearMixedModelObjective.For(design, options, formula));

    /// <summary>
    /// Optimizes <paramref name="objective"/> from the options' start values (lme4's start when none, or the moment
    /// estimates where the automatic choice uses them: <see cref="Start"/>) and returns the fit.
    /// </summary>
    public static LinearMixedModelFit Fit(LinearMixedModelObjective objective)
    {
        var (start, settings) = Start(objective);
        return Fit(objective, start, settings);
    }

    /// <summary>Estimated operations per evaluation from which random intercepts start from their moments under BOBYQA (2 GFLOP).</summary>
    internal const double ExpensiveEvaluationFlops = 2e9;

    /// <summary>BOBYQA's initial trust radius from the moment start, relative to its largest value.</summary>
    internal const double ExpensiveStartRelativeRadius = 0.005;

    /// <summary>
    /// BOBYQA's <see cref="OptimizerSettings.ModelDecreaseTolerance"/> from the moment start (1e-13 relative): the rounding
    /// of the criterion of a large design (the 1M-row crossed deviance of 2.9e6 varies by 1e-7 between points 1e-6 apart,
    /// where its curvature accounts for 3e-8).
    /// </summary>
    internal const double ExpensiveModelDecreaseTolerance = 1e-13;

    /// <summary>
    /// The start of a fit and, when it differs from the options', the optimizer's settings from there:
    /// <list type="bullet">
    /// <item>the user's start values, or lme4's start when the options name an optimizer or a variance function;</item>
    /// <item>for the automatic choice's scalar crossed exception, the random intercepts' moment estimates
    /// (<see cref="MomentStart"/>): InstEval needs 13 evaluations with the gradient from there against 25 from lme4's start;</item>
    /// <item>for random intercepts that the automatic choice gives to BOBYQA and whose evaluation costs at least
    /// <see cref="ExpensiveEvaluationFlops"/> (a large dense block from crossed factors), the moment estimates with a
    /// trust radius of <see cref="ExpensiveStartRelativeRadius"/> of the largest instead of 0.2, a full quadratic model
    /// ((k+1)(k+2)/2 interpolation points for k parameters) and the stop on its predicted decrease
    /// (<see cref="ExpensiveModelDecreaseTolerance"/>), unless the options give optimizer settings: the moments land within
    /// a few tenths of a percent of the optimum there, the full model's steps are Newton steps, and the 1M-row
    /// 6000 x 3700 crossed design takes 11 evaluations (22 with 2k+1 points and the radius alone, 40 from lme4's start);</item>
    /// <item>lme4's start otherwise.</item>
    /// </list>
    /// </summary>
    internal static (double[] Start, OptimizerSettings? Settings) Start(LinearMixedModelObjective objective)
    {
        var options = objective.Options;
        if (options.StartTheta is not null || options.Algorithm != OptimizerChoice.Automatic || options.Variance is not null)
            return (objective.Parameters.StartFrom(options.StartTheta), null);
        var layout = objective.CrossProducts.Layout;
        if (ScalarCrossed(objective.HasGradient, layout))
            return (MomentStart.Compute(objective.Design) ?? objective.Parameters.Start, null);
        if (options.Optimizer is null && AutomaticChoice(objective.HasGradient, objective.Parameters, layout) == OptimizerChoice.Bobyqa
            && layout.EstimatedFlops() >= ExpensiveEvaluationFlops && MomentStart.Compute(objective.Design) is { } moments)
            return (moments, ExpensiveSettings(moments));
        return (objective.Parameters.Start, null);
    }

    /// <summary>BOBYQA's settings from the moment start of an expensive fit (see <see cref="Start"/>).</summary>
    internal static OptimizerSettings ExpensiveSettings(double[] moments) => new()
    {
        InitialTrustRadius = ExpensiveStartRelativeRadius * moments.Max(),
        InterpolationPoints = (moments.Length + 1) * (moments.Length + 2) / 2,
        ModelDecreaseTolerance = ExpensiveModelDecreaseTolerance,
    };

    /// <summary>Optimizes <paramref name="objective"/> from <paramref name="start"/> and returns the fit at the optimum.</summary>
    public static LinearMixedModelFit Fit(LinearMixedModelObjective objective, double[] start) => Fit(objective, start, null);

    /// <summary>Optimizes from <paramref name="start"/>, with <paramref name="startSettings"/> in place of the options' settings when given.</summary>
    internal static LinearMixedModelFit Fit(LinearMixedModelObjective objective, double[] start, OptimizerSettings? startSettings)
    {
        var options = objective.Options;
        var summary = Optimize(objective, start, new FitProgressReporter(options.Progress), out var algorithm, out var convergence, startSettings);
        var warnings = summary.Warnings.ToList();
        var final = summary.FinalParameters.ToArray();
        // lme4's checkConv: the Hessian check runs on fits that are not singular, when derivatives are checked (in theta
        // alone: not under a residual variance function)
        if (convergence.CheckDerivatives && double.IsFinite(summary.FinalValue) && objective.Parameters.VarianceParameterCount == 0
            && !objective.Parameters.IsSingular(final, options.SingularTolerance))
            warnings.AddRange(algorithm == OptimizerChoice.LBfgsB
                ? HessianCheck.Messages(GradientHessian(objective, final))
                : HessianCheck.Messages(p => objective.Evaluate(p), final, summary.FinalValue));
        return objective.Assemble(final, summary.Evaluations, summary.Converged, warnings, summary);
    }

    /// <summary>
    /// The optimizer stage alone: minimizes <paramref name="objective"/> from <paramref name="start"/> with the options'
    /// optimizer, settings and convergence checks (restarts included), without assembling a fit. Refits (bootstrap
    /// replicates, another response) use it with the original estimate as the start.
    /// </summary>
    public static OptimizerSummary Optimize(LinearMixedModelObjective objective, double[] start) =>
        Optimize(objective, start, new FitProgressReporter(null), out _, out _);

    private static OptimizerSummary Optimize(LinearMixedModelObjective objective, double[] start, FitProgressReporter reporter,
        out OptimizerChoice algorithm, out ConvergenceSettings convergence, OptimizerSettings? settings = null)
    {
        var value = reporter.Wrap(p => objective.Evaluate(p));
        double[] gradientTarget = [];
        var valueWithGradient = reporter.Wrap(p => objective.Evaluate(p, gradientTarget));
        double ValueAndGradient(double[] p, double[] g)
        {
            gradientTarget = g;
            return valueWithGradient(p);
        }
        return Minimize(value, objective.HasGradient ? ValueAndGradient : null, objective.Parameters, start, objective.Options,
            objective.CrossProducts.Layout, out algorithm, out convergence, settings);
    }

    /// <summary>
    /// Minimizes a criterion over the parameters of <paramref name="map"/> with the options' optimizer (lme4's
    /// <c>optwrap</c>; <see cref="AutomaticChoice"/> for <see cref="OptimizerChoice.Automatic"/>); the checks and restarts
    /// follow the options (derivatives checked below 10,000 observations unless set). <paramref name="layout"/> is the
    /// factor's structure (observations, dense block); <paramref name="startSettings"/>, when given, replaces the options'
    /// optimizer settings.
    /// </summary>
    internal static OptimizerSummary Minimize(Func<double[], double> value, Func<double[], double[], double>? valueAndGradient,
        CovarianceParameterMap map, double[] start, LinearMixedModelOptions options, FactorLayout layout,
        out OptimizerChoice algorithm, out ConvergenceSettings convergence, OptimizerSettings? startSettings = null)
    {
        var settings = startSettings ?? options.Optimizer ?? new OptimizerSettings();
        convergence = new ConvergenceSettings
        {
            GradientTolerance = options.GradientTolerance,
            CheckDerivatives = options.CheckGradient ?? layout.RowCount < 10000,
            MaxRestarts = options.MaxRestarts,
        };
        bool hasGradient = valueAndGradient is not null;
        algorithm = options.Algorithm != OptimizerChoice.Automatic
            ? (options.Algorithm == OptimizerChoice.LBfgsB && !hasGradient ? OptimizerChoice.Bobyqa : options.Algorithm)
            : AutomaticChoice(hasGradient, map, layout);
        // the reflection probes serve the gradient search, whose corners they open; BOBYQA's restarts reach the same
        // optima without them
        return algorithm == OptimizerChoice.LBfgsB
            ? PersistentMinimizer.WithGradient(OptimizerFactory.Name(OptimizerChoice.LBfgsB))
                .Minimize(valueAndGradient!, value, start, map.LowerBounds, map.UpperBounds, convergence, map.Reflections)
            : OptimizerFactory.Create(algorithm).Minimize(value, start, map.LowerBounds, map.UpperBounds, settings, convergence);
    }

    /// <summary>
    /// <see cref="OptimizerChoice.Automatic"/>: L-BFGS-B where the gradient pays (see
    /// <see cref="OptimizerFactory.AutomaticGradientParameters"/>, <see cref="OptimizerFactory.AutomaticGradientDenseOrder"/> and
    /// <see cref="OptimizerFactory.AutomaticTraceGradientDenseOrder"/>),
    /// BOBYQA otherwise.
    /// </summary>
    private static OptimizerChoice AutomaticChoice(bool hasGradient, CovarianceParameterMap map, FactorLayout layout)
    {
        if (!hasGradient) return OptimizerChoice.Bobyqa;
        if (layout.RestRandomEffects <= OptimizerFactory.AutomaticGradientDenseOrder
            && map.Count > OptimizerFactory.AutomaticGradientParameters) return OptimizerChoice.LBfgsB;
        return ScalarCrossed(hasGradient, layout) ? OptimizerChoice.LBfgsB : OptimizerChoice.Bobyqa;
    }

    /// <summary>
    /// The automatic choice's exception: scalar crossed terms whose dense block is above
    /// <see cref="OptimizerFactory.AutomaticGradientDenseOrder"/> and at most
    /// <see cref="OptimizerFactory.AutomaticTraceGradientDenseOrder"/>.
    /// </summary>
    private static bool ScalarCrossed(bool hasGradient, FactorLayout layout) =>
        hasGradient && layout.RestRandomEffects > OptimizerFactory.AutomaticGradientDenseOrder
            && layout.RestRandomEffects <= OptimizerFactory.AutomaticTraceGradientDenseOrder
            && InverseDiagonalTraces.Applies(layout);

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
    /// The model evaluated at a given theta without optimizing (for profiles, bootstrap replicates and
    /// comparisons at another program's estimates).
    /// </summary>
    internal static LinearMixedModelFit FitAtTheta(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula, double[] theta) =>
        LinearMixedModelObjective.For(design, options, formula).FitAt(theta);
}
