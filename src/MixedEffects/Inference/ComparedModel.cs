namespace MixedEffects.Inference;

/// <summary>What a likelihood-ratio table needs of one model: name, formula, parameters, log-likelihood, observations.</summary>
internal sealed record ComparedModel(string Name, string Formula, int Npar, double LogLik, int Nobs);
