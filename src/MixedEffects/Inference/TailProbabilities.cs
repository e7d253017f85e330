using MixedEffects.Distributions;

namespace MixedEffects.Inference;

/// <summary>The t and F tail probabilities and t quantiles used by the tests (infinite df give the normal / chi-square limits).</summary>
internal static class TailProbabilities
{
    /// <summary>Two-sided p value of a t statistic: P(|T| &gt;= |t|) with <paramref name="df"/> degrees of freedom.</summary>
    public static double TwoSidedT(double t, double df) => ProbabilityFunctions.TwoSidedTPValue(t, df);

    /// <summary>Upper tail P(F' &gt;= f) of the F distribution (chi-square / d1 when <paramref name="d2"/> is infinite).</summary>
    public static double UpperF(double f, double d1, double d2) => ProbabilityFunctions.FUpperTail(f, d1, d2);

    /// <summary>The quantile of the t distribution (normal when <paramref name="df"/> is infinite).</summary>
    public static double TQuantile(double probability, double df) => ProbabilityFunctions.StudentTQuantile(probability, df);
}
