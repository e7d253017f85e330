using MathNet.Numerics.LinearAlgebra;
using MixedEffects.LinearAlgebra;
using MixedEffects.Models;
using Xunit;
using Xunit.Abstractions;

namespace MixedEffects.Tests.LinearAlgebra;

/// <summary>
/// The gradient of the profiled criterion from the inverse's diagonal traces (scalar terms without front rows) against
/// the selected inversion's gradient (an independent computation of the same quantity, itself checked against finite
/// differences) on random crossed, weighted, partially crossed and large crossed designs, REML and ML; the
/// blocked triangular inverse behind it against MathNet's inverse for every kernel shape and orders around its
/// block size.
/// </summary>
public class InverseDiagonalTracesTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> Designs()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in new[] { "crossed", "crossed-weighted", "partially-crossed", "large-crossed" })
        {
            data.Add(name, true);
            data.Add(name, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void GradientMatchesSelectedInversion(string name, bool reml)
    {
        var d = RandomDesign.Create(name);
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        Assert.True(InverseDiagonalTraces.Applies(a.Layout));
        var factor = a.CreateFactor();
        var zero = (double[])d.Thetas[1].Clone();
        zero[^1] = 0;
        var frontZero = (double[])d.Thetas[0].Clone();
        frontZero[0] = 0;
        foreach (var theta in d.Thetas.Append(d.Thetas[0].Select(v => v * 1e-3).ToArray()).Append(zero).Append(frontZero))
        {
            Assert.True(factor.Update(theta));
            var expected = new double[theta.Length];
            var actual = new double[theta.Length];
            factor.CriterionGradientFromSelectedInverse(reml, expected);
            factor.CriterionGradientFromTraces(reml, actual);
            output.WriteLine($"{name} reml={reml} theta [{string.Join(", ", theta.Select(v => v.ToString("G6")))}]: " +
                $"selected [{string.Join(", ", expected.Select(v => v.ToString("G12")))}], traces [{string.Join(", ", actual.Select(v => v.ToString("G12")))}]");
            double scale = Math.Max(1, expected.Max(Math.Abs));
            for (int i = 0; i < theta.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-9 * scale,
                    $"component {i}: traces {actual[i]:R}, selected inversion {expected[i]:R}");
        }
    }

    [Fact]
    public void LargeDenseBlocksUseTheTraces()
    {
        var d = RandomDesign.Create("large-crossed");
        var a = new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights);
        Assert.True(a.Layout.RestRandomEffects >= BlockedCholeskyFactor.TraceGradientDenseOrder);
        var deviance = new ProfiledDeviance(a, EstimationMethod.MaximumLikelihood);
        var theta = d.Thetas[0];
        var gradient = new double[theta.Length];
        deviance.Evaluate(theta, gradient);
        var traces = new double[theta.Length];
        deviance.Factor.CriterionGradientFromTraces(false, traces);
        Assert.Equal(traces, gradient);
        // a theta below the traces' threshold falls back to the selected inversion
        var small = theta.Select((v, i) => i == 0 ? BlockedCholeskyFactor.TraceGradientSmallestTheta / 2 : v).ToArray();
        deviance.Evaluate(small, gradient);
        var selected = new double[theta.Length];
        deviance.Factor.CriterionGradientFromSelectedInverse(false, selected);
        Assert.Equal(selected, gradient);
    }

    [Fact]
    public void TwoThreadsGiveTheSameTraces()
    {
        // 1200 front levels (two halves on two threads) crossed with 300 dense levels
        var rng = new Random(5);
        int n = 12000, na = 1200, nb = 300;
        var a = Enumerable.Range(0, n).Select(r => r < na ? r : rng.Next(na)).ToArray();
        var b = Enumerable.Range(0, n).Select(r => r < nb ? r : rng.Next(nb)).ToArray();
        var terms = new[] { RandomDesign.Term("a", a, na, null), RandomDesign.Term("b", b, nb, null) };
        var x = new[] { Enumerable.Repeat(1.0, n).ToArray() };
        var y = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var cross = new BlockedCrossProducts(terms, x, y, null);
        var factor = cross.CreateFactor();
        Assert.True(factor.Update([0.7, 1.3]));
        var expected = new double[2];
        factor.CriterionGradientFromSelectedInverse(false, expected);
        var one = new InverseDiagonalTraces(cross.Layout, parallel: false);
        var two = new InverseDiagonalTraces(cross.Layout, parallel: true);
        var withOne = factor.InverseTraces(one, reml: false);
        var withTwo = factor.InverseTraces(two, reml: false);
        Assert.Equal(withOne, withTwo);
        var gradient = new double[2];
        factor.CriterionGradientFromTraces(false, gradient);
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs(gradient[i] - expected[i]) <= 1e-9 * Math.Max(1, expected.Max(Math.Abs)));
    }

    [Fact]
    public void NestedOrVectorTermsAreNotCovered()
    {
        foreach (var name in new[] { "nested", "crossed-vector", "nested-and-crossed" })
        {
            var d = RandomDesign.Create(name);
            Assert.False(InverseDiagonalTraces.Applies(new BlockedCrossProducts(d.Terms, d.X, d.Y, d.Weights).Layout));
        }
    }

    public static TheoryData<string, int, bool> InverseCases()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var shape in Enum.GetNames<DenseKernelShape>())
        {
            foreach (int n in new[] { 1, 5, 63, 64, 66, 67, 130, 200 }) data.Add(shape, n, false);
            data.Add(shape, 333, false);
            data.Add(shape, 333, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(InverseCases))]
    public void TriangularInverseMatchesReference(string shape, int n, bool parallel)
    {
        int stride = n + 3;
        var rng = new Random(n);
        var l = new double[n * stride];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) l[i * stride + j] = rng.NextDouble() - 0.5;
            l[i * stride + i] = 1 + rng.NextDouble();
            for (int j = i + 1; j < stride; j++) l[i * stride + j] = double.NaN;   // never read
        }
        var reference = Matrix<double>.Build.Dense(n, n, (i, j) => j <= i ? l[i * stride + j] : 0).Inverse();
        var inverse = new TriangularInverse(n + 5, Enum.Parse<DenseKernelShape>(shape)) { Parallel = parallel };
        for (int repeat = 0; repeat < 2; repeat++)
        {
            inverse.Invert(l, stride, n);
            Assert.Equal(n, inverse.Order);
            for (int j = 0; j < n; j++)
            {
                var column = inverse.Column(j);
                Assert.Equal(n - j, column.Length);
                double scale = Enumerable.Range(j, n - j).Max(i => Math.Abs(reference[i, j]));
                for (int i = j; i < n; i++)
                    Assert.True(Math.Abs(column[i - j] - reference[i, j]) <= 1e-11 * scale,
                        $"inverse[{i},{j}]: expected {reference[i, j]:R}, got {column[i - j]:R}");
            }
        }
        // a smaller order with the same buffers
        if (n > 3)
        {
            inverse.Invert(l, stride, n - 3);
            for (int j = 0; j < n - 3; j++)
                Assert.True(Math.Abs(inverse.Column(j)[0] - 1 / l[j * stride + j]) <= 1e-14 / l[j * stride + j]);
        }
    }
}
