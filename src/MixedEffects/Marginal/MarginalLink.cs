using MixedEffects.Distributions;

namespace MixedEffects.Marginal;

/// <summary>
/// The link function of a model as marginal means need it: the inverse link and its derivative
/// (for back-transformed estimates and delta-method standard errors) and emmeans' names for the scales.
/// </summary>
/// <param name="Name">R's link name: identity, logit, log, probit, cloglog, inverse, sqrt.</param>
/// <param name="Inverse">The inverse link mu = g^-1(eta).</param>
/// <param name="InverseDerivative">d mu / d eta.</param>
internal sealed record MarginalLink(string Name, Func<double, double> Inverse, Func<double, double> InverseDerivative)
{
    /// <summary>The identity link (linear mixed models).</summary>
    public static MarginalLink Identity { get; } = new("identity", eta => eta, _ => 1.0);

    /// <summary>True for the identity link: there is no response scale distinct from the link scale.</summary>
    public bool IsIdentity => Name == "identity";

    /// <summary>True when differences on the link scale back-transform to ratios (log and logit links).</summary>
    public bool HasRatioContrasts => Name is "log" or "logit";

    /// <summary>The link for R's name.</summary>
    /// <exception cref="ModelSpecificationException">The link is not one marginal means support.</exception>
    public static MarginalLink ForName(string name) => name switch
    {
        "identity" => Identity,
        "logit" => new(name, eta => 1.0 / (1.0 + Math.Exp(-eta)), eta =>
        {
            double e = Math.Exp(-Math.Abs(eta));
            return e / ((1 + e) * (1 + e));
        }),
        "log" => new(name, Math.Exp, Math.Exp),
        "probit" => new(name, ProbabilityFunctions.NormalCdf, eta => Math.Exp(-0.5 * eta * eta) / Math.Sqrt(2 * Math.PI)),
        "cloglog" => new(name, eta => -AccurateMath.Expm1(-Math.Exp(eta)), eta => Math.Exp(eta - Math.Exp(eta))),
        "inverse" => new(name, eta => 1.0 / eta, eta => -1.0 / (eta * eta)),
        "sqrt" => new(name, eta => eta * eta, eta => 2 * eta),
        _ => throw new ModelSpecificationException($"marginal means do not support the '{name}' link"),
    };

    /// <summary>emmeans' name of a back-transformed mean: prob (binomial), rate (poisson), response otherwise.</summary>
    public string ResponseEstimateName(string? family) => (family, Name) switch
    {
        ("binomial", _) => "prob",
        ("poisson", _) => "rate",
        _ => "response",
    };

    /// <summary>emmeans' name of a back-transformed contrast: odds.ratio (logit) or ratio (log).</summary>
    public string RatioEstimateName => Name == "logit" ? "odds.ratio" : "ratio";

    /// <summary>emmeans' name of the contrast scale in messages: "log odds ratio" (logit) or "log" (log).</summary>
    public string ContrastScaleName => Name == "logit" ? "log odds ratio" : "log";
}
