using System.Collections.Immutable;
using MixedEffects.Distributions;

namespace MixedEffects.Marginal;

/// <summary>
/// Multiplicity-adjusted p-values and critical values for a family of two-sided t tests, as
/// emmeans computes them (<c>summary(..., adjust = )</c>, <c>confint(..., adjust = )</c>), and
/// R's <c>p.adjust</c> for the p-value based methods.
/// </summary>
public static class PValueAdjustment
{
    private static readonly ImmutableArray<(string Name, AdjustmentMethod Method)> Names =
    [
        ("none", AdjustmentMethod.None),
        ("tukey", AdjustmentMethod.Tukey),
        ("sidak", AdjustmentMethod.Sidak),
        ("bonferroni", AdjustmentMethod.Bonferroni),
        ("holm", AdjustmentMethod.Holm),
        ("hochberg", AdjustmentMethod.Hochberg),
        ("BH", AdjustmentMethod.BenjaminiHochberg),
        ("fdr", AdjustmentMethod.BenjaminiHochberg),
        ("dunnettx", AdjustmentMethod.Dunnettx),
        ("scheffe", AdjustmentMethod.Scheffe),
        ("mvt", AdjustmentMethod.Mvt),
    ];

    /// <summary>
    /// The method named as in emmeans: "none", "tukey", "sidak", "bonferroni", "holm",
    /// "hochberg", "BH" or "fdr", "dunnettx", "scheffe" (case-insensitive).
    /// </summary>
    /// <param name="name">The method's emmeans name.</param>
    /// <exception cref="MixedEffectsException">The name is not one of those.</exception>
    public static AdjustmentMethod Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (known, method) in Names)
            if (string.Equals(known, name.Trim(), StringComparison.OrdinalIgnoreCase)) return method;
        throw new MixedEffectsException(
            $"Unknown p-value adjustment '{name}'; valid methods are {string.Join(", ", Names.Select(n => n.Name))}.");
    }

    /// <summary>emmeans' name of the method ("BH" for Benjamini-Hochberg).</summary>
    /// <param name="method">The method.</param>
    public static string Name(AdjustmentMethod method)
    {
        foreach (var (known, m) in Names)
            if (m == method) return known;
        throw new ArgumentOutOfRangeException(nameof(method), method, "not an adjustment method");
    }

    /// <summary>
    /// Adjusts unadjusted p-values as R's <c>p.adjust</c> (none, bonferroni, holm, hochberg, BH)
    /// or emmeans' Sidak (1 - (1 - p)^m), with m the number of p-values. NaN entries are kept
    /// and not counted in m. Tukey, Dunnettx and Scheffe need the test statistics: use
    /// <see cref="AdjustFamily"/>.
    /// </summary>
    /// <param name="pValues">Unadjusted p-values.</param>
    /// <param name="method">A p-value based method.</param>
    /// <exception cref="ArgumentException">The method needs test statistics.</exception>
    public static double[] AdjustPValues(IReadOnlyList<double> pValues, AdjustmentMethod method)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var result = pValues.ToArray();
        int[] present = Enumerable.Range(0, result.Length).Where(i => !double.IsNaN(result[i])).ToArray();
        var p = present.Select(i => result[i]).ToArray();
        double[] adjusted = method switch
        {
            AdjustmentMethod.None => p,
            AdjustmentMethod.Bonferroni => p.Select(v => BonferroniPValue(v, p.Length)).ToArray(),
            AdjustmentMethod.Sidak => p.Select(v => SidakPValue(v, p.Length)).ToArray(),
            AdjustmentMethod.Holm => StepDownHolm(p),
            AdjustmentMethod.Hochberg => StepUp(p, (m, rank) => m - rank + 1),
            AdjustmentMethod.BenjaminiHochberg => StepUp(p, (m, rank) => (double)m / rank),
            _ => throw new ArgumentException($"Adjustment '{Name(method)}' needs the test statistics; use AdjustFamily.", nameof(method)),
        };
        for (int k = 0; k < present.Length; k++) result[present[k]] = adjusted[k];
        return result;
    }

    /// <summary>Sidak-adjusted p-value 1 - (1 - p)^m, computed without cancellation for small p.</summary>
    /// <param name="p">Unadjusted p-value.</param>
    /// <param name="m">Number of tests in the family.</param>
    public static double SidakPValue(double p, int m) => p >= 1 ? 1.0 : -AccurateMath.Expm1(m * AccurateMath.Log1p(-p));

    /// <summary>Bonferroni-adjusted p-value min(1, m p).</summary>
    /// <param name="p">Unadjusted p-value.</param>
    /// <param name="m">Number of tests in the family.</param>
    public static double BonferroniPValue(double p, int m) => Math.Min(1.0, m * p);

    /// <summary>
    /// Tukey-adjusted p-value for a pairwise difference among <paramref name="meansCount"/> means:
    /// P(studentized range &gt; sqrt(2) |t|), as emmeans' <c>ptukey(sqrt(2) * abs(t), k, df, lower.tail = FALSE)</c>.
    /// </summary>
    /// <param name="t">t ratio.</param>
    /// <param name="meansCount">Number of means k compared pairwise.</param>
    /// <param name="df">Degrees of freedom (at least 2, or infinity).</param>
    public static double TukeyPValue(double t, double meansCount, double df) =>
        StudentizedRange.UpperTail(Math.Sqrt(2.0) * Math.Abs(t), meansCount, df);

    /// <summary>Scheffe-adjusted p-value P(F(r, df) &gt; t^2 / r) for a family of contrasts of rank r.</summary>
    /// <param name="t">t ratio.</param>
    /// <param name="rank">Rank r of the family's contrast matrix.</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double ScheffePValue(double t, int rank, double df) => ProbabilityFunctions.FUpperTail(t * t / rank, rank, df);

    /// <summary>Dunnettx-adjusted p-value for a family of <paramref name="contrastCount"/> many-to-one comparisons.</summary>
    /// <param name="t">t ratio.</param>
    /// <param name="contrastCount">Number of comparisons in the family.</param>
    /// <param name="df">Degrees of freedom.</param>
    public static double DunnettxPValue(double t, int contrastCount, double df) => DunnettxApproximation.UpperTail(t, contrastCount, df);

    /// <summary>
    /// Adjusted two-sided p-values for one family of contrasts, as emmeans'
    /// <c>summary(contrast, adjust = )</c>. A family of one contrast is not adjusted (except by
    /// Scheffe), as in emmeans. Tukey applies to a complete set of pairwise comparisons only;
    /// the caller chooses the method.
    /// </summary>
    /// <param name="tRatios">t ratios of the contrasts in the family.</param>
    /// <param name="df">Degrees of freedom of each contrast (infinity for z tests).</param>
    /// <param name="method">Adjustment method.</param>
    /// <param name="meansCount">Number of means compared (Tukey's k).</param>
    /// <param name="scheffeRank">Rank of the family's contrast matrix (Scheffe's r).</param>
    public static double[] AdjustFamily(IReadOnlyList<double> tRatios, IReadOnlyList<double> df, AdjustmentMethod method, double meansCount, int scheffeRank)
    {
        ArgumentNullException.ThrowIfNull(tRatios);
        ArgumentNullException.ThrowIfNull(df);
        if (df.Count != tRatios.Count) throw new ArgumentException($"{df.Count} degrees of freedom for {tRatios.Count} t ratios.", nameof(df));
        int m = tRatios.Count;
        if (m == 1 && method != AdjustmentMethod.Scheffe) method = AdjustmentMethod.None;
        var result = new double[m];
        for (int i = 0; i < m; i++)
        {
            double t = tRatios[i], d = double.IsNaN(df[i]) ? double.PositiveInfinity : df[i];
            result[i] = method switch
            {
                AdjustmentMethod.Tukey => TukeyPValue(t, meansCount, d),
                AdjustmentMethod.Scheffe => ScheffePValue(t, scheffeRank, d),
                AdjustmentMethod.Dunnettx => DunnettxPValue(t, m, d),
                _ => ProbabilityFunctions.TwoSidedTPValue(t, d),
            };
        }
        return method is AdjustmentMethod.Tukey or AdjustmentMethod.Scheffe or AdjustmentMethod.Dunnettx
            ? result
            : AdjustPValues(result, method);
    }

    /// <summary>
    /// Critical value c for two-sided simultaneous intervals estimate +- c SE at confidence
    /// <paramref name="level"/>, as emmeans' <c>confint(..., adjust = )</c>: none: qt((1+level)/2);
    /// sidak: qt(1 - (1 - level^(1/m))/2); bonferroni (also used for holm, hochberg and BH):
    /// qt(1 - (1 - level)/(2m)); tukey: qtukey(level, k, df)/sqrt(2); scheffe: sqrt(r qf(level, r, df));
    /// dunnettx: the dunnettx quantile. A family of one contrast is not adjusted (except by Scheffe).
    /// </summary>
    /// <param name="level">Confidence level in (0, 1), e.g. 0.95.</param>
    /// <param name="df">Degrees of freedom (infinity for z intervals).</param>
    /// <param name="method">Adjustment method.</param>
    /// <param name="contrastCount">Number of estimates m in the family.</param>
    /// <param name="meansCount">Number of means compared (Tukey's k).</param>
    /// <param name="scheffeRank">Rank of the family's contrast matrix (Scheffe's r).</param>
    public static double CriticalValue(double level, double df, AdjustmentMethod method, int contrastCount, double meansCount, int scheffeRank)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "confidence level must be in (0, 1)");
        if (double.IsNaN(df)) df = double.PositiveInfinity;
        if (contrastCount == 1 && method != AdjustmentMethod.Scheffe) method = AdjustmentMethod.None;
        return method switch
        {
            AdjustmentMethod.None => -ProbabilityFunctions.StudentTQuantile(0.5 * (1 - level), df),
            AdjustmentMethod.Sidak => -ProbabilityFunctions.StudentTQuantile(-0.5 * AccurateMath.Expm1(Math.Log(level) / contrastCount), df),
            AdjustmentMethod.Tukey => StudentizedRange.Quantile(level, meansCount, df) / Math.Sqrt(2.0),
            AdjustmentMethod.Scheffe => Math.Sqrt(scheffeRank * ProbabilityFunctions.FQuantile(level, scheffeRank, df)),
            AdjustmentMethod.Dunnettx => DunnettxApproximation.Quantile(level, contrastCount, df),
            _ => -ProbabilityFunctions.StudentTQuantile(0.5 * (1 - level) / contrastCount, df),
        };
    }

    private static double[] StepDownHolm(double[] p)
    {
        int m = p.Length;
        int[] order = Enumerable.Range(0, m).OrderBy(i => p[i]).ToArray();
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }

    private static double[] StepUp(double[] p, Func<int, int, double> multiplier)
    {
        int m = p.Length;
        int[] order = Enumerable.Range(0, m).OrderByDescending(i => p[i]).ToArray();
        var adjusted = new double[m];
        double running = 1.0;
        for (int k = 0; k < m; k++)
        {
            int rank = m - k;
            running = Math.Min(running, multiplier(m, rank) * p[order[k]]);
            adjusted[order[k]] = Math.Min(1.0, running);
        }
        return adjusted;
    }
}
