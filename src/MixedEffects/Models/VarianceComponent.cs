namespace MixedEffects.Models;

/// <summary>
/// One row of lme4's <c>as.data.frame(VarCorr(m), order = "lower.tri")</c>: a variance (Term2 null),
/// a covariance (both terms), or the residual (group "Residual", both terms null).
/// </summary>
/// <param name="Group">Grouping factor as lme4 names it (a repeated group gets ".1", ".2").</param>
/// <param name="Term1">First random-effect column, or null for the residual.</param>
/// <param name="Term2">Second column for a covariance, null for a variance.</param>
/// <param name="Vcov">Variance or covariance.</param>
/// <param name="SdCor">Standard deviation, or correlation for a covariance row.</param>
public sealed record VarianceComponent(string Group, string? Term1, string? Term2, double Vcov, double SdCor);
