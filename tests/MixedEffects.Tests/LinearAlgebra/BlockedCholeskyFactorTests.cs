using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Design;
using MixedEffects.LinearAlgebra;
using Xunit;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The blocked factor against a plain dense computation on random designs: the matrix
/// [Lambda'Z'WZ Lambda + I, Lambda'Z'WX, Lambda'Z'Wy; ...; y'WZ Lambda, y'WX, y'Wy] is formed explicitly from Z, X, y,
/// W and theta and factored with MathNet's dense Cholesky; log-determinants, the penalized residual sum of squares,
/// the solution, the unscaled fixed-effects covariance and the conditional covariances must agree to 1e-10 relative.
/// Designs cover every block-type combination: nested scalar and vector-valued terms (sparse front), crossed and
/// partially crossed terms (dense block), both together, weighted, and designs large enough for the parallel,
/// vectorized dense path (one of them unweighted, whose Schur complement uses the compact count coupling).
/// </summary>
public class BlockedCholeskyFactorTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<string> Designs() =>
    [
        "nested", "nested-vector", "crossed", "crossed-vector", "partially-crossed", "nested-and-crossed",
        "same-factor", "nested-weighted", "crossed-weighted", "large-crossed",
        "large-crossed-counts", "panel",
    ];

    [Theory]
    [MemberData(nameof(Designs))]
    public void FactorMatchesDenseCholesky(string name)
    {
        var d = RandomDesign.Create(name);
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        var factor = a.CreateFactor();
        Assert.Equal(d.ExpectedFrontTerms, a.Layout.FrontTermCount);
        foreach (var theta in d.Thetas)
        {
            Assert.True(factor.Update(theta));
            var reference = new DenseReference(d, theta);
            AssertClose(reference.LogDetZ, factor.LogDetZ);
            AssertClose(reference.LogDetX, factor.LogDetX);
            AssertClose(reference.PenalizedRss, factor.PenalizedRss);

            var u = new double[reference.Q];
            var beta = new double[d.X.Length];
            factor.Solve(u, beta);
            AssertAllClose(reference.U, u, reference.UScale);
            AssertAllClose(reference.Beta, beta, reference.BetaScale);

            var cov = factor.UnscaledFixedEffectsCovariance();
            for (int i = 0; i < beta.Length; i++)
                for (int j = 0; j < beta.Length; j++) AssertClose(reference.FixedCovariance[i, j], cov[i, j], reference.FixedCovarianceScale);

            var conditional = factor.ConditionalCovariances(1.3);
            var expected = reference.ConditionalCovariances(1.3);
            for (int t = 0; t < d.Terms.Count; t++) AssertAllClose(expected[t], conditional[t], expected[t].Max(Math.Abs));
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void ReweightingEqualsBuildingAfresh(string name)
    {
        var d = RandomDesign.Create(name);
        var rng = new Random(7);
        var w2 = d.Y.Select(_ => 0.2 + rng.NextDouble()).ToArray();
        var y2 = d.Y.Select(v => v + rng.NextDouble()).ToArray();
        var reweighted = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        reweighted.Reweight(w2, y2);
        var fresh = new BlockedCrossProducts(d.Terms, d.X, y2, w2);
        var f1 = reweighted.CreateFactor();
        var f2 = fresh.CreateFactor();
        var theta = d.Thetas[0];
        Assert.True(f1.Update(theta));
        Assert.True(f2.Update(theta));
        Assert.Equal(f2.LogDetZ, f1.LogDetZ);
        Assert.Equal(f2.LogDetX, f1.LogDetX);
        Assert.Equal(f2.PenalizedRss, f1.PenalizedRss);
    }

    [Fact]
    public void CountCouplingIsUsedForCountsAndDroppedAfterReweighting()
    {
        var d = RandomDesign.Create("large-crossed-counts");
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        var factor = a.CreateFactor();
        var theta = d.Thetas[0];
        Assert.True(factor.Update(theta));
        Assert.True(factor.UsesCountCoupling);

        var rng = new Random(11);
        var w2 = d.Y.Select(_ => 0.2 + rng.NextDouble()).ToArray();
        a.Reweight(w2, d.Y);
        Assert.True(factor.Update(theta));
        Assert.False(factor.UsesCountCoupling);
        var fresh = new BlockedCrossProducts(d.Terms, d.X, d.Y, w2).CreateFactor();
        Assert.True(fresh.Update(theta));
        Assert.Equal(fresh.LogDetZ, factor.LogDetZ);
        Assert.Equal(fresh.PenalizedRss, factor.PenalizedRss);

        a.Reweight(null, d.Y);
        Assert.True(factor.Update(theta));
        Assert.True(factor.UsesCountCoupling);
        var reference = new DenseReference(d, theta);
        AssertClose(reference.LogDetZ, factor.LogDetZ);
        AssertClose(reference.PenalizedRss, factor.PenalizedRss);
    }

    [Fact]
    public void NestedTermsKeepTheFrontDiagonal()
    {
        var d = RandomDesign.Create("nested");
        var layout = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights).Layout;
        Assert.Equal(0, layout.RestRandomEffects);
        Assert.Equal(d.X.Length + 1, layout.M);
        // each class couples to exactly one school and one district
        for (int k = 0; k < d.Terms[0].LevelCount; k++) Assert.Equal(2, layout.FrontRows[k].Length);
    }

    [Fact]
    public void DenseBlockTooLargeStopsWithOneLine()
    {
        int n = 120000;
        var a = RandomDesign.Term("a", Enumerable.Range(0, n).Select(r => r % 60000).ToArray(), 60000, null);
        var b = RandomDesign.Term("b", Enumerable.Range(0, n).Select(r => r % 50000).ToArray(), 50000, null);
        var x = new[] { Enumerable.Repeat(1.0, n).ToArray() };
        var e = Assert.Throws<ModelTooLargeException>(() => new BlockedCrossProducts([a, b], x, new double[n], null));
        Assert.Contains("(1 | b)", e.Message);
        Assert.Contains("order 50002", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    private static void AssertClose(double expected, double actual, double scale = 0)
    {
        double s = Math.Max(Math.Max(Math.Abs(expected), scale), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= Tolerance * s, $"expected {expected:R}, got {actual:R}");
    }

    private static void AssertAllClose(double[] expected, double[] actual, double scale)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], scale);
    }

    /// <summary>The dense computation the factor is checked against.</summary>
    private sealed class DenseReference
    {
        private readonly Matrix<double> _lambda;
        private readonly Matrix<double> _zInverse;
        private readonly RandomDesign _design;

        public DenseReference(RandomDesign d, double[] theta)
        {
            _design = d;
            Q = d.Terms.Sum(t => t.RandomEffectCount);
            int p = d.X.Length;
            _lambda = d.LambdaMatrix(theta);
            var scale = Matrix<double>.Build.DenseIdentity(Q + p + 1);
            scale.SetSubMatrix(0, 0, _lambda);
            var omega = scale.TransposeThisAndMultiply(d.CrossProducts() * scale);
            for (int i = 0; i < Q; i++) omega[i, i] += 1;
            var l = omega.Cholesky().Factor;
            LogDetZ = Enumerable.Range(0, Q).Sum(i => 2 * Math.Log(l[i, i]));
            LogDetX = Enumerable.Range(Q, p).Sum(i => 2 * Math.Log(l[i, i]));
            PenalizedRss = l[Q + p, Q + p] * l[Q + p, Q + p];
            var system = omega.SubMatrix(0, Q + p, 0, Q + p).Cholesky();
            var solution = system.Solve(omega.Column(Q + p, 0, Q + p));
            U = solution.SubVector(0, Q).ToArray();
            Beta = solution.SubVector(Q, p).ToArray();
            var unit = Matrix<double>.Build.Dense(Q + p, p);
            for (int j = 0; j < p; j++) unit[Q + j, j] = 1;
            FixedCovariance = system.Solve(unit).SubMatrix(Q, p, 0, p).ToArray();
            _zInverse = omega.SubMatrix(0, Q, 0, Q).Cholesky().Solve(Matrix<double>.Build.DenseIdentity(Q));
            UScale = U.Max(Math.Abs);
            BetaScale = Beta.Length == 0 ? 0 : Beta.Max(Math.Abs);
            FixedCovarianceScale = p == 0 ? 0 : Enumerable.Range(0, p).Max(i => FixedCovariance[i, i]);
        }

        public int Q { get; }
        public double LogDetZ { get; }
        public double LogDetX { get; }
        public double PenalizedRss { get; }
        public double[] U { get; }
        public double[] Beta { get; }
        public double UScale { get; }
        public double BetaScale { get; }
        public double[,] FixedCovariance { get; }
        public double FixedCovarianceScale { get; }

        /// <summary>sigma^2 Lambda (Lambda'Z'WZ Lambda + I)^-1 Lambda' per level, per term.</summary>
        public double[][] ConditionalCovariances(double sigma)
        {
            var result = new double[_design.Terms.Count][];
            int offset = 0;
            for (int t = 0; t < _design.Terms.Count; t++)
            {
                var term = _design.Terms[t];
                int s = term.ColumnCount;
                var r = new double[term.LevelCount * s * s];
                for (int g = 0; g < term.LevelCount; g++)
                {
                    int o = offset + g * s;
                    var lg = _lambda.SubMatrix(o, s, o, s);
                    var block = lg * _zInverse.SubMatrix(o, s, o, s) * lg.Transpose() * (sigma * sigma);
                    for (int i = 0; i < s; i++)
                        for (int j = 0; j < s; j++) r[g * s * s + i * s + j] = block[i, j];
                }
                offset += term.RandomEffectCount;
                result[t] = r;
            }
            return result;
        }
    }
}
