using MixedEffects.Variance;
using MixedEffects.Data;
using MixedEffects.Formulas;
using MixedEffects.LinearAlgebra;
using MixedEffects.Optimization;

namespace MixedEffects.Models;

/// <summary>
/// The profiled criterion of a linear mixed model (REML criterion or ML deviance) as a function of the optimizer's
/// parameter vector, with its bounds and start: lme4's <c>lmer(..., devFunOnly = TRUE)</c>. The vector is theta, then,
/// with a residual variance function (<see cref="LinearMixedModelOptions.Variance"/>), the function's parameters on its
/// scaled form (see <see cref="Parameters"/>). Built once from the design;
/// <see cref="LinearMixedModel.Fit(LinearMixedModelObjective)"/> optimizes it, <see cref="FitAt"/> turns any parameter
/// vector into a fit. Refits (another response, another criterion) reuse its design and factor layout.
/// Not thread-safe.
/// </summary>
public sealed class LinearMixedModelObjective
{
    private readonly IParameterizedCriterion _criterion; // theta (ProfiledDeviance) or theta and a variance function's parameters
    private readonly double[] _theta;

    /// <summary>The criterion in theta alone on the design's weights (also for a design reweighted at a variance function's estimates).</summary>
    internal LinearMixedModelObjective(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula,
        BlockedCrossProducts? crossProducts = null)
    {
        Design = design;
        Options = options;
        Formula = formula;
        Parameters = new CovarianceParameterMap(design.Terms);
        _criterion = new ProfiledDeviance(crossProducts ?? design.CrossProducts, options.Method);
        _theta = new double[Parameters.ThetaCount];
    }

    /// <summary>The criterion in theta and the parameters of <paramref name="function"/> on the prior-weighted design.</summary>
    private LinearMixedModelObjective(LinearMixedModelDesign prior, LinearMixedModelOptions options, string formula, BoundVarianceFunction function)
    {
        Design = prior;
        Options = options;
        Formula = formula;
        _criterion = new HeteroscedasticDeviance(prior, function, options.Method);
        Parameters = new CovarianceParameterMap(prior.Terms, HeteroscedasticStart.Scaled(prior, function));
        _theta = new double[Parameters.ThetaCount];
    }

    /// <summary>The criterion of <paramref name="design"/> by the options: with their variance function when they have one.</summary>
    internal static LinearMixedModelObjective For(LinearMixedModelDesign design, LinearMixedModelOptions options, string formula) =>
        options.Variance is { } variance
            ? new LinearMixedModelObjective(design.PriorWeighted, options, formula, variance.Bind(design.PriorWeighted.Frame))
            : new LinearMixedModelObjective(design, options, formula);

    /// <summary>Builds the design of <paramref name="formula"/> on <paramref name="data"/> and its criterion.</summary>
    /// <exception cref="MixedEffectsException">For a bad formula, unknown column, or a model that cannot be fitted.</exception>
    public static LinearMixedModelObjective Create(string formula, Dataset data, LinearMixedModelOptions? options = null)
    {
        options ??= new LinearMixedModelOptions();
        var design = LinearMixedModelDesign.Build(ModelSpecification.FromFormula(formula), data, options);
        return For(design, options, formula);
    }

    internal LinearMixedModelDesign Design { get; }

    /// <summary>The options the criterion was built with.</summary>
    public LinearMixedModelOptions Options { get; }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>REML or ML.</summary>
    public EstimationMethod Method => Options.Method;

    /// <summary>The map between the parameter vector and the model (length, bounds, start).</summary>
    public CovarianceParameterMap Parameters { get; }

    /// <summary>The memory of the factor and the operations of one evaluation, estimated from the level structure.</summary>
    public EvaluationCost Cost
    {
        get
        {
            var layout = CrossProducts.Layout;
            return new EvaluationCost(layout.EstimatedBytes(), layout.EstimatedFlops(), layout.M, layout.FrontSize);
        }
    }

    /// <summary>The cross products of the last evaluation.</summary>
    internal BlockedCrossProducts CrossProducts => _criterion.CrossProducts;

    /// <summary>Number of evaluations so far.</summary>
    public int Evaluations => _criterion.Evaluations;

    /// <summary>The criterion at <paramref name="parameters"/> (+infinity where the covariance factor is not positive definite).</summary>
    public double Evaluate(ReadOnlySpan<double> parameters) => _criterion.Evaluate(parameters);

    /// <summary>The criterion in theta alone (every objective but one with a variance function).</summary>
    private ProfiledDeviance ThetaCriterion => _criterion as ProfiledDeviance
        ?? throw new InvalidOperationException("the criterion has parameters besides theta (a residual variance function)");

    /// <summary>Whether <see cref="Evaluate(ReadOnlySpan{double}, Span{double})"/> gives the gradient (every parameter is a theta).</summary>
    public bool HasGradient => _criterion is ProfiledDeviance;

    /// <summary>
    /// The criterion at <paramref name="parameters"/> with its analytic gradient written to <paramref name="gradient"/>
    /// (selected inversion of the factor; +infinity, gradient untouched, where the factor is not positive definite).
    /// </summary>
    /// <exception cref="InvalidOperationException">When <see cref="HasGradient"/> is false.</exception>
    public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        if (!HasGradient) throw new InvalidOperationException("the analytic gradient covers the covariance parameters (theta) only");
        Parameters.ToTheta(parameters, _theta);
        return ThetaCriterion.Evaluate(_theta, gradient);
    }

    /// <summary>The model at <paramref name="parameters"/> without optimizing (profiles, bootstrap, another program's estimates).</summary>
    public LinearMixedModelFit FitAt(ReadOnlySpan<double> parameters) => Assemble(parameters.ToArray(), 0, true, [], null);

    /// <summary>
    /// The same design by another criterion; with a variance function (also from a design reweighted at its estimates),
    /// the criterion in theta and the function's parameters again.
    /// </summary>
    internal LinearMixedModelObjective WithMethod(EstimationMethod method)
    {
        var options = Options with { Method = method };
        return options.Variance is null ? new(Design, options, Formula, _criterion.CrossProducts) : For(Design, options, Formula);
    }

    /// <summary>The same design, weights and factor layout with another (working) response, offset already removed; theta only.</summary>
    internal LinearMixedModelObjective WithResponse(double[] response)
    {
        var cross = ThetaCriterion.CrossProducts.WithSameLayout(Design.X.Matrix.Columns);
        cross.Reweight(Design.Frame.Weights, response);
        return new LinearMixedModelObjective(Design, Options, Formula, cross);
    }

    /// <summary>Fixed effects and sigma at the last evaluated parameters.</summary>
    internal LinearMixedModelSolution Solution() => new(_criterion.Factor, Method);

    /// <summary>
    /// Evaluates at the parameters and assembles the fit; with a variance function, from the design reweighted by
    /// prior_i / g_i^2 at its parameters (fixed effects, conditional modes and variances, fitted values and every
    /// inference that follows are those of the structure).
    /// </summary>
    internal LinearMixedModelFit Assemble(double[] parameters, int evaluations, bool converged, List<string> warnings,
        OptimizerSummary? summary)
    {
        if (_criterion is not HeteroscedasticDeviance variance) return Assemble(parameters, evaluations, converged, warnings, summary, null);
        int t = Parameters.ThetaCount;
        var scaled = parameters[t..];
        var reweighted = Design.Reweighted(variance.Weights(scaled, Design.Frame.Weights));
        return new LinearMixedModelObjective(reweighted, Options, Formula).Assemble(parameters[..t], evaluations, converged, warnings,
            summary, new VarianceEstimate(variance.Function, scaled));
    }

    private LinearMixedModelFit Assemble(double[] parameters, int evaluations, bool converged, List<string> warnings,
        OptimizerSummary? summary, VarianceEstimate? variance)
    {
        // the optimizer's last evaluation is often at the estimates: its factor serves the fit
        double criterion = _criterion is ProfiledDeviance deviance ? deviance.EvaluateUnlessLast(parameters) : Evaluate(parameters);
        if (double.IsPositiveInfinity(criterion))
            throw new ModelSpecificationException("the model's covariance factor is not positive definite at the estimates");
        bool singular = Parameters.IsSingular(parameters, Options.SingularTolerance);
        if (singular) warnings.Insert(0, "boundary (singular) fit: see help('isSingular')");
        warnings.InsertRange(0, Design.Frame.Warnings.Where(w => !warnings.Contains(w)));
        int dropped = Design.X.DroppedColumns.Count;
        if (dropped > 0)
            warnings.Insert(0, $"fixed-effect model matrix is rank deficient so dropping {dropped} column{(dropped == 1 ? "" : "s")} / coefficient{(dropped == 1 ? "" : "s")}");
        var theta = new double[Parameters.ThetaCount];
        Parameters.ToTheta(parameters, theta);
        return new LinearMixedModelFit(this, theta, criterion, Solution(), ThetaCriterion.TakeFactor(),
            evaluations, converged, singular, warnings, variance) { Optimization = summary };
    }
}
