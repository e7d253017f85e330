using MathNet.Numerics.LinearAlgebra;
using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>
/// Kenward and Roger's (1997) small-sample inference for REML fits as pbkrtest computes it: the adjusted covariance
/// Phi_A = Phi + 2 Phi U Phi of the fixed effects (second-derivative terms vanish in the linear covariance
/// parameterization), and for a hypothesis L beta = 0 the scaled F statistic and its denominator df.
/// </summary>
public sealed class KenwardRoger : IContrastInference
{
    private readonly double[] _beta;
    private readonly Matrix<double> _phi;
    private readonly Matrix<double> _phiAdjusted;
    private readonly Matrix<double>[] _p;
    private readonly Matrix<double> _w;

    private KenwardRoger(double[] beta, Matrix<double> phi, Matrix<double> phiAdjusted, Matrix<double>[] p, Matrix<double> w)
    {
        _beta = beta;
        _phi = phi;
        _phiAdjusted = phiAdjusted;
        _p = p;
        _w = w;
    }

    /// <summary>Computes the adjusted covariance for a REML fit.</summary>
    /// <exception cref="ModelSpecificationException">For an ML fit or a model with prior weights.</exception>
    public static KenwardRoger For(LinearMixedModelEstimates fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.Method != EstimationMethod.Reml)
            throw new ModelSpecificationException("Kenward-Roger's method is only available for REML model fits");
        if (fit is LinearMixedModelFit { VarianceFunction: { Function: not Variance.VarIdent } variance })
            throw new ModelSpecificationException(
                $"Kenward-Roger's method needs a covariance linear in its parameters; {variance.Function} is not (varIdent is); use Satterthwaite's");
        var k = fit is LinearMixedModelFit { VarianceFunction: not null } stratified
            ? KenwardRogerStrataComponents.Compute(stratified)
            : KenwardRogerComponents.Compute(fit);
        var phi = Matrix<double>.Build.DenseOfArray(fit.FixedEffectsCovariance);
        int g = k.P.Length;
        var info = Matrix<double>.Build.Dense(g, g);
        for (int i = 0; i < g; i++)
        {
            var phiPi = phi * k.P[i];
            for (int j = i; j < g; j++)
            {
                double v = k.KTrace[i, j] - 2 * phi.PointwiseMultiply(k.Q[i, j]).RowSums().Sum()
                    + phiPi.PointwiseMultiply(k.P[j] * phi).RowSums().Sum();
                info[i, j] = info[j, i] = v;
            }
        }
        var (values, _) = DenseOps.SymmetricEigen(info);
        double condition = values.Min(Math.Abs);
        var w = 2 * (condition > 1e-10 ? info.Inverse() : info.PseudoInverse());
        w = (w + w.Transpose()) / 2;

        int p = phi.RowCount;
        var u = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < g - 1; i++)
            for (int j = i + 1; j < g; j++)
                u += w[i, j] * (k.Q[i, j] - k.P[i] * phi * k.P[j]);
        u += u.Transpose();
        for (int i = 0; i < g; i++) u += w[i, i] * (k.Q[i, i] - k.P[i] * phi * k.P[i]);
        var adjusted = phi + 2 * phi * u * phi;
        return new KenwardRoger(fit.Beta, phi, adjusted, k.P, w);
    }

    /// <inheritdoc />
    public string Method => "Kenward-Roger";

    /// <summary>The adjusted covariance Phi_A (pbkrtest's <c>vcovAdj</c>).</summary>
    public double[,] Covariance => _phiAdjusted.ToArray();

    /// <inheritdoc />
    public double DegreesOfFreedom(ReadOnlySpan<double> contrast)
    {
        DenseOps.CheckLength(contrast, _beta.Length);
        var l = Matrix<double>.Build.Dense(1, _beta.Length, contrast.ToArray());
        return Adjust(l, 1).Df;
    }

    /// <inheritdoc />
    public (double F, double NumeratorDf, double DenominatorDf) FTest(double[,] contrasts)
    {
        var (f, _, q, df) = ScaledFTest(contrasts);
        return (f, q, df);
    }

    /// <summary>pbkrtest's KRmodcomp test: the scaled F, the unscaled Wald F (with Phi_A), q and the df.</summary>
    internal (double F, double UnscaledF, double NumeratorDf, double DenominatorDf) ScaledFTest(double[,] contrasts)
    {
        ArgumentNullException.ThrowIfNull(contrasts);
        DenseOps.CheckColumns(contrasts, _beta.Length);
        if (contrasts.GetLength(0) == 0) return (double.NaN, double.NaN, 0, double.NaN);
        var l = Matrix<double>.Build.DenseOfArray(contrasts);
        int q = l.Rank();
        var (df, scaling) = Adjust(l, q);
        var lb = l * Vector<double>.Build.DenseOfArray(_beta);
        double wald = lb * (l * _phiAdjusted * l.Transpose()).Solve(lb);
        double unscaled = wald / q;
        return (scaling * unscaled, unscaled, q, df);
    }

    /// <summary>Kenward and Roger's denominator df m and F scale lambda for L with rank q (pbkrtest's formulas).</summary>
    private (double Df, double Scaling) Adjust(Matrix<double> l, int q)
    {
        var theta = l.TransposeThisAndMultiply((l * _phi * l.Transpose()).Solve(l));
        var thetaPhi = theta * _phi;
        var ui = _p.Select(pi => thetaPhi * pi * _phi).ToArray();
        double a1 = 0, a2 = 0;
        for (int i = 0; i < ui.Length; i++)
            for (int j = i; j < ui.Length; j++)
            {
                double e = i == j ? 1 : 2;
                a1 += e * _w[i, j] * ui[i].Trace() * ui[j].Trace();
                a2 += e * _w[i, j] * (ui[i] * ui[j]).Trace();
            }
        double b = (a1 + 6 * a2) / (2 * q);
        double g = ((q + 1) * a1 - (q + 4) * a2) / ((q + 2) * a2);
        double denom = 3 * q + 2 * (1 - g);
        double c1 = g / denom, c2 = (q - g) / denom, c3 = (q + 2 - g) / denom;
        double v0 = 1 + c1 * b, v1 = 1 - c2 * b, v2 = 1 - c3 * b;
        if (Math.Abs(v0) < 1e-10) v0 = 0;
        double x = 1 - a2 / q;
        double ratio = Math.Abs(x) < 1e-14 && Math.Abs(v1) < 1e-14 ? 1 : x / v1;
        double rho = ratio * ratio * v0 / (q * v2);
        double df = 4 + (q + 2) / (q * rho - 1);
        double scaling = Math.Abs(df - 2) < 1e-2 ? 1 : df * x / (df - 2);
        return (df, scaling);
    }
}
