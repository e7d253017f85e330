using System.Collections.Immutable;

namespace MixedEffects.Distributions;

/// <summary>
/// An n-point Gauss-Legendre rule on [-1, 1]: nodes in increasing order and their weights.
/// Nodes are the roots of the Legendre polynomial P_n, found by Newton's method from
/// the Chebyshev-like starting values cos(pi (i - 1/4) / (n + 1/2)).
/// </summary>
internal sealed class GaussLegendreRule
{
    /// <summary>Nodes on [-1, 1], increasing.</summary>
    public ImmutableArray<double> Nodes { get; }

    /// <summary>Weights matching <see cref="Nodes"/>; they sum to 2.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>Builds the rule with <paramref name="pointCount"/> points.</summary>
    public GaussLegendreRule(int pointCount)
    {
        if (pointCount < 1) throw new ArgumentOutOfRangeException(nameof(pointCount), pointCount, "at least one point is needed");
        var nodes = new double[pointCount];
        var weights = new double[pointCount];
        for (int i = 0; i < (pointCount + 1) / 2; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (pointCount + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                (double value, derivative) = Legendre(pointCount, x);
                double step = value / derivative;
                x -= step;
                if (Math.Abs(step) <= 1e-16) break;
            }
            (_, derivative) = Legendre(pointCount, x);
            double weight = 2.0 / ((1 - x * x) * derivative * derivative);
            nodes[i] = -x;
            nodes[pointCount - 1 - i] = x;
            weights[i] = weight;
            weights[pointCount - 1 - i] = weight;
        }
        if (pointCount % 2 == 1) nodes[pointCount / 2] = 0;
        Nodes = [.. nodes];
        Weights = [.. weights];
    }

    private static (double Value, double Derivative) Legendre(int degree, double x)
    {
        double previous = 1, current = x;
        for (int k = 2; k <= degree; k++)
        {
            double next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
            previous = current;
            current = next;
        }
        if (degree == 0) return (1, 0);
        double derivative = degree * (x * current - previous) / (x * x - 1);
        return (current, derivative);
    }
}
