using MixedEffects.LinearAlgebra;

namespace MixedEffects.Models;

/// <summary>
/// The profiled deviance (ML) or REML criterion of a linear mixed model as a function of theta:
/// set theta, update the blocked Cholesky factor, evaluate. Owns its factor; not thread-safe.
/// </summary>
internal sealed class ProfiledDeviance : IParameterizedCriterion
{
    private BlockedCholeskyFactor? _factor;
    private double[]? _lastTheta; // theta of the last plain evaluation while its factor is untouched
    private double _lastValue;

    public ProfiledDeviance(BlockedCrossProducts crossProducts, EstimationMethod method)
    {
        CrossProducts = crossProducts;
        Method = method;
    }

    /// <summary>The cross products the criterion is computed from.</summary>
    public BlockedCrossProducts CrossProducts { get; }

    /// <summary>ML or REML.</summary>
    public EstimationMethod Method { get; }

    /// <summary>Number of evaluations so far.</summary>
    public int Evaluations { get; private set; }

    /// <summary>The factor for the last theta evaluated.</summary>
    public BlockedCholeskyFactor Factor => _factor ??= CrossProducts.CreateFactor();

    /// <summary>
    /// Hands the factor of the last evaluation to a fit that keeps it; a later evaluation makes a new factor, so the
    /// fit's stays at its parameters.
    /// </summary>
    public BlockedCholeskyFactor TakeFactor()
    {
        var factor = Factor;
        _factor = null;
        _lastTheta = null;
        return factor;
    }

    /// <inheritdoc />
    public bool Update(ReadOnlySpan<double> theta, out double logGTerm)
    {
        logGTerm = 0;
        _lastTheta = null;
        return Factor.Update(theta);
    }

    /// <summary>The criterion at theta (+infinity where the factor is not positive definite).</summary>
    public double Evaluate(ReadOnlySpan<double> theta)
    {
        Evaluations++;
        _lastTheta = null;
        var factor = Factor;
        if (!factor.Update(theta)) return double.PositiveInfinity;
        _lastValue = Criterion(factor, CrossProducts, Method);
        _lastTheta = theta.ToArray();
        return _lastValue;
    }

    /// <summary>
    /// The criterion at theta, taken from the last evaluation when that was at the same theta (bit for bit) and its
    /// factor is untouched since (no gradient, no other update, not taken): the fit at an optimizer's last point costs
    /// no second factorization.
    /// </summary>
    public double EvaluateUnlessLast(ReadOnlySpan<double> theta) =>
        _lastTheta is not null && theta.SequenceEqual(_lastTheta) ? _lastValue : Evaluate(theta);

    /// <summary>Number of gradient evaluations so far.</summary>
    public int GradientEvaluations { get; private set; }

    /// <summary>
    /// The criterion at theta with its analytic gradient written to <paramref name="gradient"/> (+infinity, gradient
    /// untouched, where the factor is not positive definite).
    /// </summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double value = Evaluate(theta);
        _lastTheta = null; // the gradient works in the factor
        if (!double.IsFinite(value)) return value;
        GradientEvaluations++;
        Factor.CriterionGradient(Method == EstimationMethod.Reml, gradient);
        return value;
    }

    /// <summary>
    /// The ML deviance at theta with fixed effect <paramref name="j"/> held at <paramref name="value"/> and the other
    /// fixed effects at their conditional optimum (+infinity where the factor is not positive definite): holding beta_j
    /// raises the penalized residual sum of squares by (value - beta_j)^2 / C_jj, with beta and C = (L_X L_X')^-1 from
    /// the factor of all fixed effects, and leaves log|L_Z|^2 as it is.
    /// </summary>
    public double EvaluateWithFixedEffectHeld(ReadOnlySpan<double> theta, int j, double value)
    {
        if (Method != EstimationMethod.MaximumLikelihood)
            throw new InvalidOperationException("a fixed effect is held on the ML deviance only");
        Evaluations++;
        _lastTheta = null;
        var factor = Factor;
        if (!factor.Update(theta)) return double.PositiveInfinity;
        var u = new double[CrossProducts.Layout.RandomEffectCount];
        var beta = new double[CrossProducts.P];
        factor.Solve(u, beta);
        double shift = value - beta[j];
        double r2 = factor.PenalizedRss + shift * shift / factor.UnscaledFixedEffectsCovariance()[j, j];
        return Deviance(factor.LogDetZ, r2, CrossProducts);
    }

    /// <summary>The criterion from an up-to-date factor.</summary>
    public static double Criterion(BlockedCholeskyFactor f, BlockedCrossProducts a, EstimationMethod method)
    {
        int n = a.RowCount, p = a.P;
        double r2 = f.PenalizedRss;
        if (method == EstimationMethod.MaximumLikelihood) return Deviance(f.LogDetZ, r2, a);
        int dof = n - p;
        return f.LogDetZ + f.LogDetX + dof * (1 + Math.Log(2 * Math.PI * r2 / dof)) - a.SumLogWeights;
    }

    /// <summary>The ML deviance from log|L_Z|^2 and the penalized residual sum of squares.</summary>
    private static double Deviance(double logDetZ, double r2, BlockedCrossProducts a)
    {
        int n = a.RowCount;
        return logDetZ + n * (1 + Math.Log(2 * Math.PI * r2 / n)) - a.SumLogWeights;
    }
}
