namespace MixedEffects.Inference;

/// <summary>One row of the coefficient table with tests (lmerTest's <c>summary(m)$coefficients</c>) and a Wald interval.</summary>
/// <param name="Term">Coefficient name as R prints it.</param>
/// <param name="Estimate">The estimate.</param>
/// <param name="StdError">Standard error (from the method's covariance: Kenward-Roger's is adjusted).</param>
/// <param name="Df">Degrees of freedom of the t statistic (positive infinity for asymptotic z tests).</param>
/// <param name="TValue">Estimate / standard error.</param>
/// <param name="P">Two-sided p value.</param>
/// <param name="Lower">Lower limit of the Wald interval, estimate - t(df) quantile x standard error.</param>
/// <param name="Upper">Upper limit of the Wald interval.</param>
public sealed record FixedEffectTest(string Term, double Estimate, double StdError, double Df, double TValue, double P,
    double Lower, double Upper);
