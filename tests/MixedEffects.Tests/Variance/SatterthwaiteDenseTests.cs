using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Models;
using MixedEffects.Tests.Reference;
using MixedEffects.Variance;
using Xunit;

namespace MixedEffects.Tests.Variance;

/// <summary>
/// Satterthwaite's df under varIdent against an independent dense computation: the marginal covariance
/// V = sigma^2 (theta^2 Z Z' + diag(delta_s(i)^2)) written out for the 25 observations of the sessions design, the REML
/// deviance log|V| + log|X'V^-1 X| + r'V^-1 r, its Hessian in (theta, log delta, sigma) and the gradient of
/// c'(X'V^-1 X)^-1 c by central differences, df = 2 (c'Cc)^2 / (g' 2H^-1 g).
/// </summary>
public class SatterthwaiteDenseTests
{
    [Fact]
    public void DegreesOfFreedomMatchTheDenseComputation()
    {
        var data = Datasets.Load("sessions");
        var fit = LinearMixedModel.Fit("t ~ session + (1 | subject)", data,
            new LinearMixedModelOptions { Variance = VarianceFunction.Parse("varIdent(~ 1 | session)") });
        var dense = new DenseModel(data);
        var phi = fit.Theta.Concat(fit.VarianceFunction!.UnconstrainedParameters).Append(fit.Sigma).ToArray();
        var satterthwaite = Satterthwaite.For(fit);

        var hessian = dense.Hessian(phi);
        var a = hessian.Inverse() * 2;
        double[][] contrasts = [[1, 0, 0, 0, 0], [1, 0, 1, 0, 0], [0, 1, 0, -1, 0], [0, 0, 1, 0, -1]];
        foreach (var c in contrasts)
        {
            var cv = Vector<double>.Build.DenseOfArray(c);
            double variance = cv * dense.Covariance(phi) * cv;
            var g = Vector<double>.Build.DenseOfArray(dense.Gradient(p => cv * dense.Covariance(p) * cv, phi));
            double expected = 2 * variance * variance / (g * a * g);
            Tolerance.Close(expected, satterthwaite.DegreesOfFreedom(c), 1e-4, what: $"df of [{string.Join(",", c)}]");
        }
    }

    /// <summary>The sessions model written out densely (columns: post is the reference session).</summary>
    private sealed class DenseModel
    {
        private readonly Matrix<double> _x, _zzt;
        private readonly Vector<double> _y;
        private readonly int[] _stratum;

        public DenseModel(Dataset data)
        {
            var session = (TextColumn)data["session"];
            var subject = (TextColumn)data["subject"];
            var y = (NumericColumn)data["t"];
            string[] levels = ["post", "pre", "t1", "t2", "t3"];
            int n = data.RowCount;
            _stratum = Enumerable.Range(0, n).Select(i => Array.IndexOf(levels, session[i])).ToArray();
            _x = Matrix<double>.Build.Dense(n, 5, (i, j) => j == 0 ? 1 : (_stratum[i] == j ? 1 : 0));
            _zzt = Matrix<double>.Build.Dense(n, n, (i, j) => subject[i] == subject[j] ? 1 : 0);
            _y = Vector<double>.Build.Dense(n, i => y[i]);
        }

        private Matrix<double> V(double[] p)
        {
            double theta = p[0], sigma2 = p[^1] * p[^1];
            var v = _zzt * (theta * theta);
            for (int i = 0; i < _y.Count; i++)
            {
                double logDelta = _stratum[i] == 0 ? 0 : p[_stratum[i]];
                v[i, i] += Math.Exp(2 * logDelta);
            }
            return v * sigma2;
        }

        public Matrix<double> Covariance(double[] p)
        {
            var vi = V(p).Inverse();
            return (_x.Transpose() * vi * _x).Inverse();
        }

        private double Deviance(double[] p)
        {
            var v = V(p);
            var vi = v.Inverse();
            var xtvix = _x.Transpose() * vi * _x;
            var beta = xtvix.Solve(_x.Transpose() * vi * _y);
            var r = _y - _x * beta;
            return v.Cholesky().DeterminantLn + xtvix.Cholesky().DeterminantLn + r * vi * r + (_y.Count - 5) * Math.Log(2 * Math.PI);
        }

        public double[] Gradient(Func<double[], double> f, double[] p)
        {
            var g = new double[p.Length];
            for (int i = 0; i < p.Length; i++)
            {
                double h = 1e-5 * Math.Max(1, Math.Abs(p[i]));
                g[i] = (f(Shift(p, i, h)) - f(Shift(p, i, -h))) / (2 * h);
            }
            return g;
        }

        public Matrix<double> Hessian(double[] p)
        {
            int k = p.Length;
            var hessian = Matrix<double>.Build.Dense(k, k);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                {
                    double hi = 1e-4 * Math.Max(1, Math.Abs(p[i])), hj = 1e-4 * Math.Max(1, Math.Abs(p[j]));
                    hessian[i, j] = (Deviance(Shift(Shift(p, i, hi), j, hj)) - Deviance(Shift(Shift(p, i, hi), j, -hj))
                        - Deviance(Shift(Shift(p, i, -hi), j, hj)) + Deviance(Shift(Shift(p, i, -hi), j, -hj))) / (4 * hi * hj);
                }
            return hessian;
        }

        private static double[] Shift(double[] p, int i, double h)
        {
            var q = (double[])p.Clone();
            q[i] += h;
            return q;
        }
    }
}
