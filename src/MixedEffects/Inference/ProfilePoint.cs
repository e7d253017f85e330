namespace MixedEffects.Inference;

/// <summary>One point of a likelihood profile: a parameter value and the signed square root of the ML deviance increase there.</summary>
/// <param name="Value">The parameter's value (standard deviation, correlation, sigma or fixed effect).</param>
/// <param name="Zeta">sign(value - estimate) * sqrt(deviance(value) - deviance at the optimum), lme4's <c>.zeta</c>.</param>
public sealed record ProfilePoint(double Value, double Zeta);
