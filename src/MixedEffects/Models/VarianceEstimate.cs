using MixedEffects.Variance;

namespace MixedEffects.Models;

/// <summary>A bound variance function and its estimated parameters on the optimizer's scale.</summary>
internal sealed record VarianceEstimate(BoundVarianceFunction Function, double[] Scaled);
