using MixedEffects.Models;

namespace MixedEffects.Inference;

/// <summary>ANOVA tables of the fixed terms with Satterthwaite, Kenward-Roger or asymptotic denominator df.</summary>
public static class Anova
{
    /// <summary>The type I, II or III table with the chosen df method (lmerTest's <c>anova(m, type, ddf)</c>).</summary>
    public static AnovaTable Compute(LinearMixedModelEstimates fit, AnovaType type = AnovaType.III, DdfMethod method = DdfMethod.Satterthwaite) =>
        Compute(fit, type, ContrastInference.For(fit, method));

    /// <summary>The table with an already computed inference object (reuse it for several tables of one fit).</summary>
    public static AnovaTable Compute(LinearMixedModelEstimates fit, AnovaType type, IContrastInference inference)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(inference);
        var contrasts = new AnovaContrasts(fit.FixedTermDesign());
        var matrices = contrasts.For(type);
        var labels = contrasts.TermLabels;
        double s2 = fit.Sigma * fit.Sigma;
        var rows = new List<AnovaRow>();
        for (int t = 0; t < labels.Count; t++)
        {
            double f, unscaled, q, df;
            if (inference is KenwardRoger kr) (f, unscaled, q, df) = kr.ScaledFTest(matrices[t]);
            else
            {
                (f, q, df) = inference.FTest(matrices[t]);
                unscaled = f;
            }
            double ms = unscaled * s2;
            rows.Add(new AnovaRow(labels[t], ms * q, ms, q, df, f, TailProbabilities.UpperF(f, q, df)));
        }
        return new AnovaTable(type, inference.Method, rows);
    }
}
