namespace MixedEffects.Models;

/// <summary>
/// Gauss-Hermite quadrature for the standard normal density (lme4's <c>GHrule</c>): nodes z and weights w with
/// sum w f(z) ~ E f(Z), Z ~ N(0, 1). Computed by the Golub-Welsch method: the nodes are the eigenvalues of the
/// Jacobi matrix of the probabilists' Hermite polynomials (off-diagonal sqrt(i)), the weights the squared first
/// components of the normalized eigenvectors. Eigenvectors by cyclic Jacobi rotations.
/// </summary>
internal sealed class GaussHermiteRule
{
    private GaussHermiteRule(double[] nodes, double[] weights)
    {
        Nodes = nodes;
        Weights = weights;
    }

    public double[] Nodes { get; }

    public double[] Weights { get; }

    public static GaussHermiteRule Create(int points)
    {
        int k = points;
        var a = new double[k, k];
        var v = new double[k, k];
        for (int i = 0; i < k; i++) v[i, i] = 1;
        for (int i = 1; i < k; i++) a[i, i - 1] = a[i - 1, i] = Math.Sqrt(i);
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < k; p++) for (int q = p + 1; q < k; q++) off += a[p, q] * a[p, q];
            if (off < 1e-30) break;
            for (int p = 0; p < k; p++)
                for (int q = p + 1; q < k; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int r = 0; r < k; r++)
                    {
                        double arp = a[r, p], arq = a[r, q];
                        a[r, p] = c * arp - s * arq;
                        a[r, q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < k; r++)
                    {
                        double apr = a[p, r], aqr = a[q, r];
                        a[p, r] = c * apr - s * aqr;
                        a[q, r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < k; r++)
                    {
                        double vrp = v[r, p], vrq = v[r, q];
                        v[r, p] = c * vrp - s * vrq;
                        v[r, q] = s * vrp + c * vrq;
                    }
                }
        }
        var order = Enumerable.Range(0, k).OrderBy(i => a[i, i]).ToArray();
        var nodes = order.Select(i => a[i, i]).ToArray();
        var weights = order.Select(i => v[0, i] * v[0, i]).ToArray();
        // symmetrize: the rule is symmetric about 0
        for (int i = 0; i < k / 2; i++)
        {
            double z = 0.5 * (nodes[k - 1 - i] - nodes[i]);
            double w = 0.5 * (weights[i] + weights[k - 1 - i]);
            nodes[i] = -z; nodes[k - 1 - i] = z;
            weights[i] = weights[k - 1 - i] = w;
        }
        if (k % 2 == 1) nodes[k / 2] = 0;
        double total = weights.Sum();
        for (int i = 0; i < k; i++) weights[i] /= total;
        return new GaussHermiteRule(nodes, weights);
    }
}
