namespace MixedEffects.Reporting;

/// <summary>One observation used in a fit: its 1-based row in the data, the fitted value and the residual.</summary>
/// <param name="DataRow">1-based row number in the data as read (rows dropped for missing values are skipped).</param>
/// <param name="Fitted">The fitted value.</param>
/// <param name="Residual">Response minus fitted value.</param>
public sealed record FittedObservation(int DataRow, double Fitted, double Residual);
