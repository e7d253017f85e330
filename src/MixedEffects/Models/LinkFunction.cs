namespace MixedEffects.Models;

/// <summary>
/// A link function g with its inverse and the derivative d mu / d eta, with R's safeguards
/// (<c>binomial()$linkinv</c>, <c>poisson()$linkinv</c>: means kept away from 0 and 1 by the machine epsilon).
/// Immutable.
/// </summary>
public sealed class LinkFunction
{
    private const double Epsilon = 2.220446049250313e-16;

    private LinkFunction(LinkFunctionKind kind, string name)
    {
        Kind = kind;
        Name = name;
    }

    /// <summary>The logit link.</summary>
    public static LinkFunction Logit { get; } = new(LinkFunctionKind.Logit, "logit");

    /// <summary>The probit link.</summary>
    public static LinkFunction Probit { get; } = new(LinkFunctionKind.Probit, "probit");

    /// <summary>The complementary log-log link.</summary>
    public static LinkFunction Cloglog { get; } = new(LinkFunctionKind.Cloglog, "cloglog");

    /// <summary>The log link.</summary>
    public static LinkFunction Log { get; } = new(LinkFunctionKind.Log, "log");

    /// <summary>The identity link.</summary>
    public static LinkFunction Identity { get; } = new(LinkFunctionKind.Identity, "identity");

    /// <summary>Which link this is.</summary>
    public LinkFunctionKind Kind { get; }

    /// <summary>R's name of the link: <c>logit</c>, <c>probit</c>, <c>cloglog</c>, <c>log</c>, <c>identity</c>.</summary>
    public string Name { get; }

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["logit", "probit", "cloglog", "log", "identity"];

    /// <summary>The link named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ModelSpecificationException">For an unknown name.</exception>
    public static LinkFunction Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "logit" => Logit,
        "probit" => Probit,
        "cloglog" => Cloglog,
        "log" => Log,
        "identity" => Identity,
        _ => throw new ModelSpecificationException($"unknown link '{name}': use one of {string.Join(", ", Names)}"),
    };

    /// <summary>eta = g(mu).</summary>
    public double Link(double mu) => Kind switch
    {
        LinkFunctionKind.Logit => Math.Log(mu / (1 - mu)),
        LinkFunctionKind.Probit => NormalQuantile(mu),
        LinkFunctionKind.Cloglog => Math.Log(-Math.Log(1 - mu)),
        LinkFunctionKind.Log => Math.Log(mu),
        _ => mu,
    };

    /// <summary>mu = g^-1(eta).</summary>
    public double Inverse(double eta)
    {
        switch (Kind)
        {
            case LinkFunctionKind.Logit:
                return 1 / (1 + Math.Exp(-eta));
            case LinkFunctionKind.Probit:
                return GlmSpecialFunctions.NormalCdf(eta);
            case LinkFunctionKind.Cloglog:
                double m = -Math.Exp(-Math.Exp(eta)) + 1;
                if (eta < -30) m = Math.Exp(eta); // 1 - exp(-t) ~ t for tiny t
                return Math.Clamp(m, Epsilon, 1 - Epsilon);
            case LinkFunctionKind.Log:
                return Math.Max(Math.Exp(eta), Epsilon);
            default:
                return eta;
        }
    }

    /// <summary>d mu / d eta at eta.</summary>
    public double MuEta(double eta)
    {
        switch (Kind)
        {
            case LinkFunctionKind.Logit:
                double e = Math.Exp(-Math.Abs(eta));
                return e / ((1 + e) * (1 + e));
            case LinkFunctionKind.Probit:
                return GlmSpecialFunctions.NormalDensity(eta);
            case LinkFunctionKind.Cloglog:
                double x = Math.Min(eta, 700);
                return Math.Max(Math.Exp(x) * Math.Exp(-Math.Exp(x)), Epsilon);
            case LinkFunctionKind.Log:
                return Math.Max(Math.Exp(eta), Epsilon);
            default:
                return 1;
        }
    }

    /// <summary>The normal quantile by bisection-refined Newton steps (used only for starting values).</summary>
    private static double NormalQuantile(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        double x = 0;
        for (int i = 0; i < 100; i++)
        {
            double step = (GlmSpecialFunctions.NormalCdf(x) - p) / Math.Max(GlmSpecialFunctions.NormalDensity(x), 1e-300);
            step = Math.Clamp(step, -1, 1);
            x -= step;
            if (Math.Abs(step) < 1e-14 * Math.Max(1, Math.Abs(x))) break;
        }
        return x;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
