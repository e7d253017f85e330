namespace MixedEffects.Optimization;

/// <summary>
/// The limited-memory BFGS approximation of the Hessian from the last m correction pairs s = x_k+1 - x_k,
/// y = g_k+1 - g_k, built by the BFGS update from theta I with theta = y'y / s'y of the newest pair (equal to the
/// compact form theta I - W M W' of Byrd, Nocedal and Schnabel 1994). Owned by one minimization.
/// </summary>
internal sealed class LimitedMemoryMatrix(int dimension, int capacity)
{
    private readonly List<(double[] S, double[] Y)> _pairs = [];

    /// <summary>Number of pairs held.</summary>
    public int Count => _pairs.Count;

    /// <summary>Adds a pair when its curvature s'y is safely positive (the paper's test), dropping the oldest beyond capacity.</summary>
    public void Add(double[] s, double[] y)
    {
        double sy = Dot(s, y), yy = Dot(y, y);
        if (!(sy > 2.2e-16 * yy)) return;
        _pairs.Add((s, y));
        if (_pairs.Count > capacity) _pairs.RemoveAt(0);
    }

    /// <summary>Forgets all pairs (B becomes the identity).</summary>
    public void Clear() => _pairs.Clear();

    /// <summary>The matrix B as a dense n x n array (the identity without pairs).</summary>
    public double[,] Dense()
    {
        int n = dimension;
        var b = new double[n, n];
        double theta = 1;
        if (_pairs.Count > 0)
        {
            var (s, y) = _pairs[^1];
            theta = Dot(y, y) / Dot(s, y);
        }
        for (int i = 0; i < n; i++) b[i, i] = theta;
        var bs = new double[n];
        foreach (var (s, y) in _pairs)
        {
            for (int i = 0; i < n; i++)
            {
                double v = 0;
                for (int j = 0; j < n; j++) v += b[i, j] * s[j];
                bs[i] = v;
            }
            double sbs = Dot(s, bs), sy = Dot(s, y);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    b[i, j] += y[i] * y[j] / sy - bs[i] * bs[j] / sbs;
        }
        return b;
    }

    private static double Dot(double[] a, double[] b)
    {
        double v = 0;
        for (int i = 0; i < a.Length; i++) v += a[i] * b[i];
        return v;
    }
}
