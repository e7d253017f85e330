namespace MixedEffects.Models;

/// <summary>Where a fit's search is: the criterion evaluations so far and the lowest criterion found.</summary>
/// <param name="Evaluations">Evaluations of the criterion so far.</param>
/// <param name="Criterion">The lowest criterion of the current search so far (REML criterion, ML deviance, or the glmer stage's deviance).</param>
public sealed record FitProgress(int Evaluations, double Criterion);
