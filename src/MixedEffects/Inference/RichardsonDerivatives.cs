namespace MixedEffects.Inference;

/// <summary>
/// Numerical first and second derivatives by central differences with Richardson extrapolation
/// (Linfield and Penny's scheme, as in R's numDeriv: initial step d|x| or eps near zero, r = 4 steps halved each time;
/// d = 1e-4 for first derivatives and d = 0.1 for the Hessian, numDeriv's defaults, which lmerTest uses).
/// </summary>
internal static class RichardsonDerivatives
{
    private const double JacobianRelativeStep = 1e-4;
    private const double HessianRelativeStep = 0.1;
    private const double AbsoluteStep = 1e-4;
    private const int Steps = 4;
    private const double Shrink = 2;
    private static readonly double ZeroTolerance = Math.Sqrt(2.220446049250313e-16 / 7e-7);

    private static double[] InitialSteps(double[] x, double relativeStep) =>
        x.Select(v => Math.Abs(relativeStep * v) + (Math.Abs(v) < ZeroTolerance ? AbsoluteStep : 0)).ToArray();

    /// <summary>Extrapolates in place: a[k] := (4^m a[k+1] - a[k]) / (4^m - 1); the result is in a[0].</summary>
    private static void Extrapolate(double[] a)
    {
        for (int m = 1; m < a.Length; m++)
        {
            double f = Math.Pow(4, m);
            for (int k = 0; k < a.Length - m; k++) a[k] = (a[k + 1] * f - a[k]) / (f - 1);
        }
    }

    /// <summary>
    /// Jacobian of a vector function: result[i] is the derivative of f with respect to x[i]. With
    /// <paramref name="hessianSteps"/> it uses the Hessian's larger steps, so it evaluates f at the Hessian's diagonal points.
    /// </summary>
    public static double[][] Jacobian(Func<double[], double[]> f, double[] x, ISet<int>? skip = null, bool hessianSteps = false)
    {
        int n = x.Length;
        var result = new double[n][];
        var h0 = InitialSteps(x, hessianSteps ? HessianRelativeStep : JacobianRelativeStep);
        for (int i = 0; i < n; i++)
        {
            if (skip is not null && skip.Contains(i)) continue;
            double[][]? approx = null;
            double h = h0[i];
            for (int k = 0; k < Steps; k++)
            {
                var plus = (double[])x.Clone(); plus[i] += h;
                var minus = (double[])x.Clone(); minus[i] -= h;
                var fp = f(plus);
                var fm = f(minus);
                approx ??= fp.Select(_ => new double[Steps]).ToArray();
                for (int e = 0; e < fp.Length; e++) approx[e][k] = (fp[e] - fm[e]) / (2 * h);
                h /= Shrink;
            }
            result[i] = approx!.Select(a => { Extrapolate(a); return a[0]; }).ToArray();
        }
        return result;
    }

    /// <summary>Hessian of a scalar function (numDeriv's genD construction: diagonal first, then mixed terms).</summary>
    public static double[,] Hessian(Func<double[], double> f, double[] x)
    {
        int n = x.Length;
        double f0 = f(x);
        var h0 = InitialSteps(x, HessianRelativeStep);
        var diag = new double[n];
        var hess = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            var a = new double[Steps];
            double h = h0[i];
            for (int k = 0; k < Steps; k++)
            {
                var plus = (double[])x.Clone(); plus[i] += h;
                var minus = (double[])x.Clone(); minus[i] -= h;
                a[k] = (f(plus) - 2 * f0 + f(minus)) / (h * h);
                h /= Shrink;
            }
            Extrapolate(a);
            diag[i] = a[0];
            hess[i, i] = a[0];
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                var a = new double[Steps];
                double hi = h0[i], hj = h0[j];
                for (int k = 0; k < Steps; k++)
                {
                    var plus = (double[])x.Clone(); plus[i] += hi; plus[j] += hj;
                    var minus = (double[])x.Clone(); minus[i] -= hi; minus[j] -= hj;
                    a[k] = (f(plus) - 2 * f0 + f(minus) - diag[i] * hi * hi - diag[j] * hj * hj) / (2 * hi * hj);
                    hi /= Shrink; hj /= Shrink;
                }
                Extrapolate(a);
                hess[i, j] = hess[j, i] = a[0];
            }
        return hess;
    }
}
