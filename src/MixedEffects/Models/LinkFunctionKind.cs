namespace MixedEffects.Models;

/// <summary>The link functions of the generalized mixed models.</summary>
public enum LinkFunctionKind
{
    /// <summary>log(mu / (1 - mu)), canonical for the binomial family.</summary>
    Logit,
    /// <summary>The standard normal quantile of mu.</summary>
    Probit,
    /// <summary>log(-log(1 - mu)).</summary>
    Cloglog,
    /// <summary>log(mu), canonical for the Poisson family.</summary>
    Log,
    /// <summary>mu itself.</summary>
    Identity,
}
