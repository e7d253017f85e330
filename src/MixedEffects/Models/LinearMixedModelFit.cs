using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.LinearAlgebra;
using MixedEffects.Optimization;
using MixedEffects.Variance;

namespace MixedEffects.Models;

/// <summary>
/// A fitted linear mixed model: lme4's <c>merMod</c> numbers (fixed effects, variance components, sigma,
/// likelihood criteria, conditional modes, fitted values). Immutable; arrays returned are copies.
/// </summary>
public sealed class LinearMixedModelFit : LinearMixedModelEstimates
{
    internal LinearMixedModelFit(LinearMixedModelObjective objective, double[] theta,
        double criterion, LinearMixedModelSolution solution, BlockedCholeskyFactor factor, int evaluations,
        bool converged, bool singular, IReadOnlyList<string> warnings, VarianceEstimate? variance = null)
        : base(objective.Formula, objective.Options.Method, objective.Design.CrossProducts, objective.Design.Terms,
            objective.Design.Frame.RowCount, objective.Design.X.Matrix.ColumnNames, objective.Design.X.DroppedColumns, theta,
            criterion, solution, factor, evaluations, converged, singular, warnings)
    {
        Objective = objective;
        Design = objective.Design;
        Options = objective.Options;
        VarianceFunction = variance is null ? null : new FittedVarianceFunction(variance.Function, variance.Scaled, solution.Sigma);
    }

    internal LinearMixedModelDesign Design { get; }

    /// <inheritdoc/>
    internal override FixedTermDesign FixedTermDesign() => new(Design.Frame, Design.X.Matrix, Design.X.FullMatrix, Design.Contrasts, null);

    /// <summary>The objective the fit was optimized on (refits reuse its design and factor layout).</summary>
    internal LinearMixedModelObjective Objective { get; }

    /// <summary>The options the model was fitted with (method, contrasts, weights column, optimizer).</summary>
    public LinearMixedModelOptions Options { get; }

    /// <summary>Rows dropped because of missing values.</summary>
    public int DroppedRowCount => Design.Frame.DroppedRows;

    /// <summary>What the optimizer did (method, evaluations, start, end, final gradient, restarts); null for a model evaluated at given parameters.</summary>
    public OptimizerSummary? Optimization { get; internal init; }

    /// <summary>The residual variance function at its estimates, or null for one residual variance.</summary>
    public FittedVarianceFunction? VarianceFunction { get; }

    /// <summary>Number of parameters: fixed effects, theta, sigma and the variance function's parameters.</summary>
    public override int ParameterCount => base.ParameterCount + (VarianceFunction?.ParameterCount ?? 0);

    /// <inheritdoc />
    public override LinearMixedModelEstimates WithMethod(EstimationMethod method) =>
        Method == method ? this : LinearMixedModel.Fit(Objective.WithMethod(method));

    /// <inheritdoc />
    internal override IParameterizedCriterion ParameterizedCriterion() => VarianceFunction is { } variance
        ? new HeteroscedasticDeviance(Design.PriorWeighted, variance.Bound, Method)
        : base.ParameterizedCriterion();

    /// <summary>Fitted values X beta + Z b (+ offset) for the observations used.</summary>
    public double[] Fitted() => Effects.LinearPredictor(Design, Solution.Beta);

    /// <summary>
    /// Pearson residuals: (response - fitted) sqrt(w_i) / sigma with w_i the prior weight over g_i^2 (nlme's
    /// <c>residuals(m, type = "pearson")</c>; lme4's <c>residuals(m, "pearson", scaled = TRUE)</c>).
    /// </summary>
    public double[] PearsonResiduals()
    {
        var r = Residuals();
        var w = Design.Frame.Weights;
        for (int i = 0; i < r.Length; i++) r[i] *= Math.Sqrt(w?[i] ?? 1.0) / Sigma;
        return r;
    }

    /// <summary>Response minus fitted values.</summary>
    public double[] Residuals()
    {
        var f = Fitted();
        return Design.Response.Select((y, i) => y - f[i]).ToArray();
    }

    /// <summary>
    /// Predictions for new data: with the random effects of known groups (<paramref name="includeRandomEffects"/>),
    /// a group level not seen in fitting contributes nothing (population prediction), as lme4's
    /// <c>predict(m, newdata, allow.new.levels = TRUE)</c>; NaN where a variable is missing.
    /// </summary>
    public double[] Predict(Dataset newData, bool includeRandomEffects = true) =>
        LinearPredictorForNewData.Compute(Design, Solution.Beta, Effects, newData, includeRandomEffects);
}
