using MixedEffects.Design;

namespace MixedEffects.Models;

/// <summary>
/// The response of a generalized model as R's <c>family$initialize</c> prepares it: y (a proportion for binomial),
/// the prior weights (trials times user weights for <c>cbind</c>), the number of trials, and the offset.
/// Validated on construction.
/// </summary>
internal sealed class GlmResponse
{
    private const double IntegerTolerance = 1e-3;

    private GlmResponse(GlmFamily family, double[] y, double[] weights, double[] trials, double[] offset)
    {
        Family = family;
        Y = y;
        Weights = weights;
        Trials = trials;
        Offset = offset;
    }

    public GlmFamily Family { get; }

    /// <summary>The response (proportion of successes for binomial).</summary>
    public double[] Y { get; }

    /// <summary>Prior weights.</summary>
    public double[] Weights { get; }

    /// <summary>Number of trials (binomial cbind), else 1.</summary>
    public double[] Trials { get; }

    /// <summary>Offset.</summary>
    public double[] Offset { get; }

    public int Count => Y.Length;

    public static GlmResponse Build(ModelFrame frame, GlmFamily family)
    {
        int n = frame.RowCount;
        var prior = frame.Weights ?? Enumerable.Repeat(1.0, n).ToArray();
        var trials = Enumerable.Repeat(1.0, n).ToArray();
        var offset = (double[])frame.Offset.Clone();
        var response = frame.Response;
        string name = response.Count == 2 ? $"cbind({response[0].Name}, {response[1].Name})" : response[0].Name;
        double[] y;
        double[] weights = (double[])prior.Clone();
        if (family.Distribution == GlmDistribution.Binomial)
        {
            if (response.Count == 2)
            {
                var s = Numeric(response[0], name);
                var f = Numeric(response[1], name);
                y = new double[n];
                for (int i = 0; i < n; i++)
                {
                    if (s[i] < 0 || f[i] < 0)
                        throw new ModelSpecificationException($"response {name} has a negative count in row {frame.Rows[i] + 1} ({s[i]}, {f[i]})");
                    if (!IsInteger(s[i]) || !IsInteger(f[i]))
                        throw new ModelSpecificationException($"response {name} has a non-integer number of successes or failures in row {frame.Rows[i] + 1} ({s[i]}, {f[i]})");
                    double t = s[i] + f[i];
                    trials[i] = t;
                    y[i] = t == 0 ? 0 : s[i] / t;
                    weights[i] = prior[i] * t;
                }
            }
            else if (response[0] is FactorValues fv)
            {
                y = fv.Codes.Select(c => c == 0 ? 0.0 : 1.0).ToArray();
            }
            else
            {
                y = Numeric(response[0], name);
                for (int i = 0; i < n; i++)
                {
                    if (!(y[i] >= 0 && y[i] <= 1))
                        throw new ModelSpecificationException(
                            $"binomial response '{name}' is {y[i]} in row {frame.Rows[i] + 1}: values must be between 0 and 1 (use cbind(successes, failures) for counts)");
                    if (!IsInteger(weights[i] * y[i]))
                        throw new ModelSpecificationException(
                            $"non-integer number of successes in a binomial model: '{name}' times the weights is {weights[i] * y[i]} in row {frame.Rows[i] + 1}" +
                            (frame.Weights is null ? " (give the number of trials as weights, or use cbind(successes, failures))" : ""));
                }
            }
        }
        else
        {
            if (response.Count == 2)
                throw new ModelSpecificationException($"the poisson family needs a single count response, not {name}");
            if (response[0] is FactorValues)
                throw new ModelSpecificationException($"response '{name}' has text values; the poisson family needs non-negative integer counts");
            y = Numeric(response[0], name);
            for (int i = 0; i < n; i++)
            {
                if (y[i] < 0)
                    throw new ModelSpecificationException($"response '{name}' is negative ({y[i]}) in row {frame.Rows[i] + 1}; the poisson family needs non-negative counts");
                if (!IsInteger(y[i]))
                    throw new ModelSpecificationException($"response '{name}' is not an integer ({y[i]}) in row {frame.Rows[i] + 1}; the poisson family needs counts");
            }
        }
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(y[i]))
                throw new ModelSpecificationException($"response '{name}' is infinite in row {frame.Rows[i] + 1}");
        return new GlmResponse(family, y, weights, trials, offset);
    }

    /// <summary>R's starting linear predictor: the link of the starting means.</summary>
    public double[] StartingEta()
    {
        var eta = new double[Count];
        for (int i = 0; i < Count; i++) eta[i] = Family.Link.Link(Family.StartingMean(Y[i], Weights[i]));
        return eta;
    }

    private static double[] Numeric(EvaluatedVariable v, string name) => v switch
    {
        NumericValues nv => nv.Values,
        _ => throw new ModelSpecificationException($"response {name}: '{v.Name}' has text values but must be numeric"),
    };

    private static bool IsInteger(double v) => Math.Abs(v - Math.Round(v)) <= IntegerTolerance;
}
