using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>A model fitted for a comparison: its parameter count and log-likelihood, and the mixed fit when it has random effects.</summary>
internal sealed record RelatedModel(string Formula, int ParameterCount, double LogLikelihood, int ObservationCount, LinearMixedModelFit? Fit);
