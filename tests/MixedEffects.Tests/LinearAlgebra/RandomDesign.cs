using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Design;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>Random mixed-model designs with a known structure (nested, crossed, partially crossed, vector-valued, weighted).</summary>
internal sealed class RandomDesign
{
    private RandomDesign(IReadOnlyList<RandomEffectsTerm> terms, double[][] x, double[] y, double[]? weights, int expectedFront, Random rng)
    {
        Terms = terms;
        X = x;
        Y = y;
        Weights = weights;
        ExpectedFrontTerms = expectedFront;
        Thetas = Enumerable.Range(0, 2).Select(_ => RandomTheta(terms, rng)).ToArray();
    }

    public IReadOnlyList<RandomEffectsTerm> Terms { get; }
    public double[][] X { get; }
    public double[] Y { get; }
    public double[]? Weights { get; }
    public int ExpectedFrontTerms { get; }
    public double[][] Thetas { get; }

    public static RandomDesign Create(string name)
    {
        var rng = new Random(name.Length * 7919 + name[0]);
        return name switch
        {
            "nested" => Nested(rng, 400, vector: false, weighted: false),
            "nested-weighted" => Nested(rng, 400, vector: false, weighted: true),
            "nested-vector" => Nested(rng, 300, vector: true, weighted: false),
            "crossed" => Crossed(rng, 500, [40, 15, 5], vector: false, weighted: false),
            "crossed-weighted" => Crossed(rng, 500, [40, 15, 5], vector: false, weighted: true),
            "crossed-vector" => Crossed(rng, 400, [25, 10], vector: true, weighted: false),
            "partially-crossed" => PartiallyCrossed(rng),
            "nested-and-crossed" => NestedAndCrossed(rng),
            "same-factor" => SameFactor(rng),
            "large-crossed" => LargeCrossed(rng),
            "large-crossed-counts" => LargeCrossedCounts(rng),
            "panel" => Panel(rng),
            _ => throw new ArgumentException(name),
        };
    }

    /// <summary>A term (s = 1 intercept, or s = 2 with <paramref name="slope"/>) on the given level codes.</summary>
    public static RandomEffectsTerm Term(string group, int[] codes, int levels, double[]? slope)
    {
        int n = codes.Length, s = slope is null ? 1 : 2;
        var values = new double[n * s];
        for (int r = 0; r < n; r++)
        {
            values[r * s] = 1;
            if (slope is not null) values[r * s + 1] = slope[r];
        }
        var names = slope is null ? new[] { "(Intercept)" } : ["(Intercept)", "x"];
        string lhs = slope is null ? "1" : "1 + x";
        return new RandomEffectsTerm(group, Enumerable.Range(0, levels).Select(i => $"{group}{i}").ToArray(), codes, names, values, $"{lhs} | {group}");
    }

    /// <summary>The dense cross products [Z X y]'W[Z X y] (order q + p + 1), accumulated observation by observation.</summary>
    public Matrix<double> CrossProducts()
    {
        int q = Terms.Sum(t => t.RandomEffectCount), p = X.Length, n = Y.Length;
        var a = Matrix<double>.Build.Dense(q + p + 1, q + p + 1);
        var idx = new List<int>();
        var val = new List<double>();
        for (int r = 0; r < n; r++)
        {
            idx.Clear(); val.Clear();
            int offset = 0;
            foreach (var t in Terms)
            {
                for (int c = 0; c < t.ColumnCount; c++) { idx.Add(offset + t.Code(r) * t.ColumnCount + c); val.Add(t.Value(r, c)); }
                offset += t.RandomEffectCount;
            }
            for (int j = 0; j < p; j++) { idx.Add(q + j); val.Add(X[j][r]); }
            idx.Add(q + p); val.Add(Y[r]);
            double w = Weights?[r] ?? 1;
            for (int i = 0; i < idx.Count; i++)
                for (int j = 0; j < idx.Count; j++) a[idx[i], idx[j]] += w * val[i] * val[j];
        }
        return a;
    }

    /// <summary>The block-diagonal relative covariance factor Lambda (q x q).</summary>
    public Matrix<double> LambdaMatrix(double[] theta)
    {
        int q = Terms.Sum(t => t.RandomEffectCount);
        var lambda = Matrix<double>.Build.Dense(q, q);
        int offset = 0, th = 0;
        foreach (var t in Terms)
        {
            int s = t.ColumnCount;
            var block = new double[s * s];
            t.FillLambda(theta.AsSpan(th, t.ThetaCount), block);
            th += t.ThetaCount;
            for (int g = 0; g < t.LevelCount; g++)
                for (int i = 0; i < s; i++)
                    for (int j = 0; j < s; j++) lambda[offset + g * s + i, offset + g * s + j] = block[i * s + j];
            offset += t.RandomEffectCount;
        }
        return lambda;
    }

    private static double[] RandomTheta(IReadOnlyList<RandomEffectsTerm> terms, Random rng)
    {
        var theta = new List<double>();
        foreach (var t in terms)
        {
            int s = t.ColumnCount;
            for (int j = 0; j < s; j++)
                for (int i = j; i < s; i++) theta.Add(i == j ? 0.2 + 1.5 * rng.NextDouble() : rng.NextDouble() - 0.5);
        }
        return theta.ToArray();
    }

    private static double[] Normal(Random rng, int n) =>
        Enumerable.Range(0, n).Select(_ => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())).ToArray();

    private static double[][] FixedColumns(Random rng, int n, int extra) =>
        new[] { Enumerable.Repeat(1.0, n).ToArray() }.Concat(Enumerable.Range(0, extra).Select(_ => Normal(rng, n))).ToArray();

    private static double[]? RandomWeights(Random rng, int n, bool weighted) =>
        weighted ? Enumerable.Range(0, n).Select(_ => 0.3 + 2 * rng.NextDouble()).ToArray() : null;

    /// <summary>Classes (60) nested in schools (15) nested in districts (4); all observed levels used.</summary>
    private static RandomDesign Nested(Random rng, int n, bool vector, bool weighted)
    {
        int nc = vector ? 30 : 60, ns = vector ? 8 : 15, nd = 4;
        var schoolOfClass = Enumerable.Range(0, nc).Select(c => c % ns).ToArray();
        var districtOfSchool = Enumerable.Range(0, ns).Select(s => s % nd).ToArray();
        var cls = Enumerable.Range(0, n).Select(r => r < nc ? r : rng.Next(nc)).ToArray();
        var sch = cls.Select(c => schoolOfClass[c]).ToArray();
        var dis = sch.Select(s => districtOfSchool[s]).ToArray();
        var x = FixedColumns(rng, n, 1);
        var slope = vector ? x[1] : null;
        var terms = vector
            ? new[] { Term("class", cls, nc, slope), Term("school", sch, ns, slope) }
            : new[] { Term("class", cls, nc, null), Term("school", sch, ns, null), Term("district", dis, nd, null) };
        return new RandomDesign(terms, x, Normal(rng, n), RandomWeights(rng, n, weighted), terms.Length, rng);
    }

    /// <summary>
    /// A long panel: subjects (80) on 3 to 7 consecutive rows each (runs of repeated levels) with a random intercept and
    /// a slope in time, nested in sites (10) with a random intercept.
    /// </summary>
    private static RandomDesign Panel(Random rng)
    {
        int subjects = 80, sites = 10;
        var subject = new List<int>();
        var time = new List<double>();
        for (int g = 0; g < subjects; g++)
        {
            int count = 3 + rng.Next(5);
            for (int t = 0; t < count; t++)
            {
                subject.Add(g);
                time.Add(t);
            }
        }
        int n = subject.Count;
        var site = subject.Select(g => g % sites).ToArray();
        var x = new[] { Enumerable.Repeat(1.0, n).ToArray(), time.ToArray() };
        var terms = new[] { Term("subj", subject.ToArray(), subjects, x[1]), Term("site", site, sites, null) };
        return new RandomDesign(terms, x, Normal(rng, n), null, terms.Length, rng);
    }

    /// <summary>Fully crossed factors with the given level counts.</summary>
    private static RandomDesign Crossed(Random rng, int n, int[] levels, bool vector, bool weighted)
    {
        var x = FixedColumns(rng, n, 2);
        var terms = levels.Select((l, i) =>
        {
            var codes = Enumerable.Range(0, n).Select(r => r < l ? r : rng.Next(l)).ToArray();
            return Term($"g{i}", codes, l, vector ? x[1] : null);
        }).ToArray();
        return new RandomDesign(terms, x, Normal(rng, n), RandomWeights(rng, n, weighted), 1, rng);
    }

    /// <summary>Each of 40 levels in one of 10 groups, except every seventh level, which also appears in a second group.</summary>
    private static RandomDesign PartiallyCrossed(Random rng)
    {
        int n = 400, na = 40, nb = 10;
        var a = Enumerable.Range(0, n).Select(r => r < na ? r : rng.Next(na)).ToArray();
        var b = a.Select((g, r) => g % 7 == 0 && r % 2 == 1 ? (g + 1) % nb : g % nb).ToArray();
        var terms = new[] { Term("a", a, na, null), Term("b", b, nb, null) };
        return new RandomDesign(terms, FixedColumns(rng, n, 1), Normal(rng, n), null, 1, rng);
    }

    /// <summary>Classes nested in schools (sparse front) with a crossed rater and a crossed vector-valued judge term (dense).</summary>
    private static RandomDesign NestedAndCrossed(Random rng)
    {
        int n = 500, nc = 50, ns = 10, nr = 12, nj = 5;
        var cls = Enumerable.Range(0, n).Select(r => r < nc ? r : rng.Next(nc)).ToArray();
        var sch = cls.Select(c => c % ns).ToArray();
        var rater = Enumerable.Range(0, n).Select(r => r < nr ? r : rng.Next(nr)).ToArray();
        var judge = Enumerable.Range(0, n).Select(r => r < nj ? r : rng.Next(nj)).ToArray();
        var x = FixedColumns(rng, n, 1);
        var terms = new[] { Term("class", cls, nc, null), Term("school", sch, ns, null), Term("rater", rater, nr, null), Term("judge", judge, nj, x[1]) };
        return new RandomDesign(terms, x, Normal(rng, n), RandomWeights(rng, n, true), 2, rng);
    }

    /// <summary>(1 | g) + (0 + x | g): two terms on the same factor, both block-diagonal.</summary>
    private static RandomDesign SameFactor(Random rng)
    {
        int n = 300, ng = 20;
        var g = Enumerable.Range(0, n).Select(r => r < ng ? r : rng.Next(ng)).ToArray();
        var x = FixedColumns(rng, n, 1);
        var slope = Term("g", g, ng, x[1]);
        var values = Enumerable.Range(0, n).Select(r => x[1][r]).ToArray();
        var slopeOnly = new RandomEffectsTerm("g", slope.Levels, g, ["x"], values, "0 + x | g");
        var terms = new[] { Term("g", g, ng, null), slopeOnly };
        return new RandomDesign(terms, x, Normal(rng, n), null, 2, rng);
    }

    /// <summary>
    /// 700 x 260 crossed levels, each first-term level meeting a run of consecutive second-term levels: a dense block of
    /// order above 256 with more than 20000 couplings, so the rows are built in parallel with the vector kernel.
    /// </summary>
    private static RandomDesign LargeCrossed(Random rng)
    {
        int na = 700, nb = 260, per = 32, n = na * per;
        var a = Enumerable.Range(0, n).Select(r => r / per).ToArray();
        var b = Enumerable.Range(0, n).Select(r => (r / per * 7 / 19 + r % per) % nb).ToArray();
        var terms = new[] { Term("a", a, na, null), Term("b", b, nb, null) };
        return new RandomDesign(terms, FixedColumns(rng, n, 3), Normal(rng, n), RandomWeights(rng, n, true), 1, rng);
    }

    /// <summary>
    /// Unweighted crossed intercepts with some cells observed twice or more: the coupling holds counts, and the design is
    /// large enough for the compact coupling of the Schur complement.
    /// </summary>
    private static RandomDesign LargeCrossedCounts(Random rng)
    {
        int na = 700, nb = 260, per = 40, n = na * per;
        var a = Enumerable.Range(0, n).Select(r => r / per).ToArray();
        var b = Enumerable.Range(0, n).Select(_ => rng.Next(nb)).ToArray();
        var terms = new[] { Term("a", a, na, null), Term("b", b, nb, null) };
        return new RandomDesign(terms, FixedColumns(rng, n, 2), Normal(rng, n), null, 1, rng);
    }
}
