using MixedEffects.Models;
using MixedEffects.Variance;

namespace MixedEffects.Inference;

/// <summary>
/// A fitted generalized least-squares model, as nlme's <c>summary(gls(...))</c>: the coefficients with their standard
/// errors and t tests on n - p degrees of freedom, the residual standard error, the variance function's estimates, the
/// log-likelihood (REML or ML) and the information criteria. Immutable.
/// </summary>
public sealed class GeneralizedLeastSquaresFit
{
    private readonly LinearMixedModelFit _fit;
    private readonly LeastSquaresCoefficient[] _coefficients;
    private readonly double _covarianceScale;   // nlme's n / (n - p) under ML, 1 under REML

    internal GeneralizedLeastSquaresFit(LinearMixedModelFit fit)
    {
        _fit = fit;
        ResidualDegreesOfFreedom = fit.ObservationCount - fit.FixedEffectNames.Count;
        _covarianceScale = fit.Method == EstimationMethod.MaximumLikelihood
            ? fit.ObservationCount / (double)ResidualDegreesOfFreedom : 1;
        double seScale = Math.Sqrt(_covarianceScale);
        _coefficients = fit.FixedEffects.Select(f =>
        {
            double se = f.StandardError * seScale, t = f.Estimate / se;
            return new LeastSquaresCoefficient(f.Term, f.Estimate, se, t, TailProbabilities.TwoSidedT(t, ResidualDegreesOfFreedom));
        }).ToArray();
    }

    /// <summary>The formula as given.</summary>
    public string Formula => _fit.Formula;

    /// <summary>REML or ML.</summary>
    public EstimationMethod Method => _fit.Method;

    /// <summary>Number of observations used.</summary>
    public int ObservationCount => _fit.ObservationCount;

    /// <summary>Rows dropped for missing values.</summary>
    public int DroppedRowCount => _fit.DroppedRowCount;

    /// <summary>Degrees of freedom of the t tests: observations less coefficients (nlme's residual df).</summary>
    public int ResidualDegreesOfFreedom { get; }

    /// <summary>
    /// nlme's coefficient table: value, standard error (from <see cref="Covariance"/>), t value and its two-sided p value
    /// on n - p df.
    /// </summary>
    public IReadOnlyList<LeastSquaresCoefficient> Coefficients => _coefficients;

    /// <summary>Fixed-effect columns dropped as linearly dependent.</summary>
    public IReadOnlyList<string> DroppedColumns => _fit.DroppedColumns;

    /// <summary>
    /// The coefficients' covariance matrix, nlme's <c>vcov</c>: sigma^2 (X' W X)^-1, times n / (n - p) under ML (nlme's
    /// standard errors of an ML fit use the REML-like scale).
    /// </summary>
    public double[,] Covariance
    {
        get
        {
            var v = _fit.FixedEffectsCovariance;
            for (int i = 0; i < v.GetLength(0); i++)
                for (int j = 0; j < v.GetLength(1); j++) v[i, j] *= _covarianceScale;
            return v;
        }
    }

    /// <summary>The residual standard error: the reference stratum's SD under varIdent, the scale of g otherwise.</summary>
    public double Sigma => _fit.Sigma;

    /// <summary>The fitted variance function (null without one).</summary>
    public FittedVarianceFunction? VarianceFunction => _fit.VarianceFunction;

    /// <summary>Number of estimated parameters: coefficients, sigma and the variance function's (nlme's <c>df</c> of logLik).</summary>
    public int ParameterCount => _fit.ParameterCount;

    /// <summary>The maximized log-likelihood, or restricted log-likelihood for REML (nlme's <c>logLik</c>).</summary>
    public double LogLikelihood => _fit.LogLikelihood;

    /// <summary>Akaike's criterion, -2 logLik + 2 df.</summary>
    public double Aic => _fit.Aic;

    /// <summary>
    /// Schwarz's criterion as nlme's: -2 logLik + df log n' with n' the observations for ML and the observations less the
    /// coefficients for REML.
    /// </summary>
    public double Bic => -2 * LogLikelihood
        + ParameterCount * Math.Log(Method == EstimationMethod.Reml ? ResidualDegreesOfFreedom : ObservationCount);

    /// <summary>Whether the optimizer converged.</summary>
    public bool Converged => _fit.Converged;

    /// <summary>Evaluations of the criterion.</summary>
    public int Evaluations => _fit.Evaluations;

    /// <summary>Convergence warnings.</summary>
    public IReadOnlyList<string> Warnings => _fit.Warnings;

    /// <summary>The fitted values X beta.</summary>
    public double[] Fitted() => _fit.Fitted();

    /// <summary>The residuals y - X beta.</summary>
    public double[] Residuals() => _fit.Residuals();

    /// <summary>The Pearson (standardized) residuals: residual / (sigma g_i), nlme's <c>resid(type = "pearson")</c>.</summary>
    public double[] PearsonResiduals() => _fit.PearsonResiduals();
}
