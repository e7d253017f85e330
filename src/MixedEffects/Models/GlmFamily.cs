namespace MixedEffects.Models;

/// <summary>
/// A generalized linear model family: a response distribution combined with a link (R's <c>binomial(link)</c>,
/// <c>poisson(link)</c>), with the variance function, the deviance residuals and the <c>aic</c> term R's family
/// objects define. Immutable.
/// </summary>
public sealed class GlmFamily
{
    private GlmFamily(GlmDistribution distribution, LinkFunction link)
    {
        Distribution = distribution;
        Link = link;
    }

    /// <summary>The response distribution.</summary>
    public GlmDistribution Distribution { get; }

    /// <summary>The link function.</summary>
    public LinkFunction Link { get; }

    /// <summary>R's name of the family: <c>binomial</c> or <c>poisson</c>.</summary>
    public string Name => Distribution == GlmDistribution.Binomial ? "binomial" : "poisson";

    /// <summary>The family names <see cref="Create(string, string?)"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["binomial", "poisson"];

    /// <summary>The binomial family with the given link (logit by default).</summary>
    public static GlmFamily Binomial(LinkFunction? link = null) => new(GlmDistribution.Binomial, link ?? LinkFunction.Logit);

    /// <summary>The Poisson family with the given link (log by default).</summary>
    public static GlmFamily Poisson(LinkFunction? link = null) => new(GlmDistribution.Poisson, link ?? LinkFunction.Log);

    /// <summary>
    /// The family named <paramref name="family"/> with the link named <paramref name="link"/> (null: the canonical link).
    /// Binomial takes logit, probit, cloglog, log; Poisson takes log, identity.
    /// </summary>
    /// <exception cref="ModelSpecificationException">For an unknown family, link, or a link the family does not support.</exception>
    public static GlmFamily Create(string family, string? link = null)
    {
        var distribution = family.Trim().ToLowerInvariant() switch
        {
            "binomial" => GlmDistribution.Binomial,
            "poisson" => GlmDistribution.Poisson,
            _ => throw new ModelSpecificationException($"unknown family '{family}': use one of {string.Join(", ", Names)}"),
        };
        if (link is null)
            return distribution == GlmDistribution.Binomial ? Binomial() : Poisson();
        var l = LinkFunction.Parse(link);
        string[] allowed = distribution == GlmDistribution.Binomial ? ["logit", "probit", "cloglog", "log"] : ["log", "identity"];
        if (!allowed.Contains(l.Name))
            throw new ModelSpecificationException(
                $"link '{l.Name}' is not available for the {family.Trim().ToLowerInvariant()} family: use one of {string.Join(", ", allowed)}");
        return new GlmFamily(distribution, l);
    }

    /// <summary>The variance function V(mu).</summary>
    public double Variance(double mu) => Distribution == GlmDistribution.Binomial ? mu * (1 - mu) : mu;

    /// <summary>Whether mu is a valid mean (0 &lt; mu &lt; 1 for binomial, mu &gt; 0 for Poisson).</summary>
    public bool IsValidMean(double mu) =>
        Distribution == GlmDistribution.Binomial ? mu > 0 && mu < 1 : mu > 0 && double.IsFinite(mu);

    /// <summary>The unit deviance of one observation times its prior weight (R's <c>dev.resids</c>).</summary>
    public double DevianceResidual(double y, double mu, double weight)
    {
        if (Distribution == GlmDistribution.Binomial)
            return 2 * weight * (XLogXOverM(y, mu) + XLogXOverM(1 - y, 1 - mu));
        double r = mu * weight;
        if (y > 0) r = weight * (y * Math.Log(y / mu) - (y - mu));
        return 2 * r;
    }

    /// <summary>
    /// R's <c>family$aic</c>: -2 times the log-likelihood of the observations at the means
    /// (binomial: with m = trials when any exceeds 1, else the prior weights; Poisson: weighted).
    /// </summary>
    public double AicTerm(ReadOnlySpan<double> y, ReadOnlySpan<double> trials, ReadOnlySpan<double> mu, ReadOnlySpan<double> weights)
    {
        double sum = 0;
        if (Distribution == GlmDistribution.Binomial)
        {
            bool useTrials = false;
            foreach (var t in trials) if (t > 1) { useTrials = true; break; }
            for (int i = 0; i < y.Length; i++)
            {
                double m = useTrials ? trials[i] : weights[i];
                if (!(m > 0)) continue;
                sum += weights[i] / m * GlmSpecialFunctions.LogBinomialProbability(Math.Round(m * y[i]), Math.Round(m), mu[i]);
            }
        }
        else
        {
            for (int i = 0; i < y.Length; i++)
                sum += weights[i] * GlmSpecialFunctions.LogPoissonProbability(y[i], mu[i]);
        }
        return -2 * sum;
    }

    /// <summary>R's starting mean (<c>family$initialize</c>'s mustart).</summary>
    public double StartingMean(double y, double weight) =>
        Distribution == GlmDistribution.Binomial ? (weight * y + 0.5) / (weight + 1) : y + 0.1;

    private static double XLogXOverM(double x, double m) => x > 0 ? x * Math.Log(x / m) : 0;

    /// <inheritdoc />
    public override string ToString() => $"{Name}({Link.Name})";
}
