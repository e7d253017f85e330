using System.Globalization;

namespace MixedEffects.Tests.Optimization;

/// <summary>
/// Profiled ML / REML deviance of a linear mixed model with one grouping factor, computed densely and
/// independently of the library (DESIGN.md section 3), so the optimizers can be run on lme4's real objective.
/// theta fills the lower-triangular relative covariance factor column by column.
/// </summary>
internal sealed class SingleFactorDeviance
{
    private readonly int _s, _p, _n, _groups;
    private readonly double[][] _ztz, _ztxy;  // per group: s x s and s x (p+1), row-major
    private readonly double[] _xyxy;          // (p+1) x (p+1)
    private readonly bool _reml;

    public int Evaluations { get; private set; }

    public SingleFactorDeviance(double[] y, double[][] x, double[][] z, int[] group, bool reml)
    {
        _n = y.Length; _p = x[0].Length; _s = z[0].Length; _reml = reml;
        _groups = group.Max() + 1;
        int m = _p + 1;
        _ztz = Enumerable.Range(0, _groups).Select(_ => new double[_s * _s]).ToArray();
        _ztxy = Enumerable.Range(0, _groups).Select(_ => new double[_s * m]).ToArray();
        _xyxy = new double[m * m];
        for (int r = 0; r < _n; r++)
        {
            double[] xy = [.. x[r], y[r]];
            int g = group[r];
            for (int a = 0; a < _s; a++)
            {
                for (int b = 0; b < _s; b++) _ztz[g][a * _s + b] += z[r][a] * z[r][b];
                for (int b = 0; b < m; b++) _ztxy[g][a * m + b] += z[r][a] * xy[b];
            }
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++) _xyxy[a * m + b] += xy[a] * xy[b];
        }
    }

    public int ThetaLength => _s * (_s + 1) / 2;

    /// <summary>Lower bounds: 0 for diagonal elements of the factor, -infinity otherwise (lme4's convention).</summary>
    public double[] Lower()
    {
        var lower = new double[ThetaLength];
        int k = 0;
        for (int col = 0; col < _s; col++)
            for (int row = col; row < _s; row++) lower[k++] = row == col ? 0 : double.NegativeInfinity;
        return lower;
    }

    /// <summary>lme4's start: 1 on the diagonal, 0 off it.</summary>
    public double[] Start()
    {
        var start = new double[ThetaLength];
        int k = 0;
        for (int col = 0; col < _s; col++)
            for (int row = col; row < _s; row++) start[k++] = row == col ? 1 : 0;
        return start;
    }

    public double Evaluate(double[] theta)
    {
        Evaluations++;
        int s = _s, m = _p + 1;
        var lambda = new double[s * s];
        int k = 0;
        for (int col = 0; col < s; col++)
            for (int row = col; row < s; row++) lambda[row * s + col] = theta[k++];
        var c = (double[])_xyxy.Clone();
        double logDetZ = 0;
        var mat = new double[s * s];
        var bmat = new double[s * m];
        for (int g = 0; g < _groups; g++)
        {
            // M = Lambda' ZtZ Lambda + I ; B = Lambda' Zt[X y]
            for (int a = 0; a < s; a++)
                for (int b = 0; b < s; b++)
                {
                    double v = a == b ? 1 : 0;
                    for (int i = 0; i < s; i++)
                        for (int j = 0; j < s; j++) v += lambda[i * s + a] * _ztz[g][i * s + j] * lambda[j * s + b];
                    mat[a * s + b] = v;
                }
            for (int a = 0; a < s; a++)
                for (int b = 0; b < m; b++)
                {
                    double v = 0;
                    for (int i = 0; i < s; i++) v += lambda[i * s + a] * _ztxy[g][i * m + b];
                    bmat[a * m + b] = v;
                }
            logDetZ += 2 * CholeskyLogDiagonal(mat, s, s);
            // Solve L W = B in place, then C -= W'W.
            for (int b = 0; b < m; b++)
                for (int a = 0; a < s; a++)
                {
                    double v = bmat[a * m + b];
                    for (int i = 0; i < a; i++) v -= mat[a * s + i] * bmat[i * m + b];
                    bmat[a * m + b] = v / mat[a * s + a];
                }
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++)
                    for (int i = 0; i < s; i++) c[a * m + b] -= bmat[i * m + a] * bmat[i * m + b];
        }
        double logDetX = 2 * CholeskyLogDiagonal(c, m, _p);
        double r2 = c[_p * m + _p] * c[_p * m + _p];
        if (_reml)
            return logDetZ + logDetX + (_n - _p) * (1 + Math.Log(2 * Math.PI * r2 / (_n - _p)));
        return logDetZ + _n * (1 + Math.Log(2 * Math.PI * r2 / _n));
    }

    /// <summary>In-place lower Cholesky of an m x m matrix; returns the sum of the logs of the first count diagonal entries.</summary>
    private static double CholeskyLogDiagonal(double[] a, int m, int count)
    {
        double sum = 0;
        for (int j = 0; j < m; j++)
        {
            double d = a[j * m + j];
            for (int i = 0; i < j; i++) d -= a[j * m + i] * a[j * m + i];
            d = Math.Sqrt(d);
            a[j * m + j] = d;
            if (j < count) sum += Math.Log(d);
            for (int r = j + 1; r < m; r++)
            {
                double v = a[r * m + j];
                for (int i = 0; i < j; i++) v -= a[r * m + i] * a[j * m + i];
                a[r * m + j] = v / d;
            }
            for (int r = 0; r < j; r++) a[r * m + j] = 0;
        }
        return sum;
    }

    /// <summary>Reaction ~ Days + (Days | Subject) on lme4's sleepstudy.</summary>
    public static SingleFactorDeviance Sleepstudy(bool reml)
    {
        var rows = ReadCsv("sleepstudy.csv");
        var subjects = rows.Select(r => r[2]).Distinct().ToList();
        return new SingleFactorDeviance(
            rows.Select(r => Parse(r[0])).ToArray(),
            rows.Select(r => new[] { 1.0, Parse(r[1]) }).ToArray(),
            rows.Select(r => new[] { 1.0, Parse(r[1]) }).ToArray(),
            rows.Select(r => subjects.IndexOf(r[2])).ToArray(), reml);
    }

    /// <summary>Yield ~ 1 + (1 | Batch) on lme4's Dyestuff or Dyestuff2.</summary>
    public static SingleFactorDeviance Dyestuff(string file, bool reml)
    {
        var rows = ReadCsv(file);
        var header = File.ReadLines(FindData(file)).First().Split(',').Select(h => h.Trim('"')).ToList();
        int yield = header.IndexOf("Yield"), batch = header.IndexOf("Batch");
        var batches = rows.Select(r => r[batch]).Distinct().ToList();
        return new SingleFactorDeviance(
            rows.Select(r => Parse(r[yield])).ToArray(),
            rows.Select(_ => new[] { 1.0 }).ToArray(),
            rows.Select(_ => new[] { 1.0 }).ToArray(),
            rows.Select(r => batches.IndexOf(r[batch])).ToArray(), reml);
    }

    private static double Parse(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static List<string[]> ReadCsv(string file) =>
        File.ReadLines(FindData(file)).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray()).ToList();

    private static string FindData(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "data", file);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"data/{file} not found above {AppContext.BaseDirectory}");
    }
}
