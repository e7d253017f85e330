namespace MixedEffects.Marginal;

/// <summary>
/// Multiplicity adjustment for a family of tests or intervals, with emmeans' meaning. Parse
/// emmeans' names with <see cref="PValueAdjustment.Parse"/>.
/// </summary>
public enum AdjustmentMethod
{
    /// <summary>No adjustment ("none").</summary>
    None,

    /// <summary>Tukey's single-step method for all pairwise comparisons of k means, studentized range ("tukey").</summary>
    Tukey,

    /// <summary>Sidak: 1 - (1 - p)^m ("sidak").</summary>
    Sidak,

    /// <summary>Bonferroni: min(1, m p) ("bonferroni").</summary>
    Bonferroni,

    /// <summary>Holm's step-down Bonferroni ("holm"); intervals use Bonferroni critical values.</summary>
    Holm,

    /// <summary>Hochberg's step-up method ("hochberg"); intervals use Bonferroni critical values.</summary>
    Hochberg,

    /// <summary>Benjamini-Hochberg false discovery rate ("BH", alias "fdr"); intervals use Bonferroni critical values.</summary>
    BenjaminiHochberg,

    /// <summary>emmeans' approximation to Dunnett's many-to-one method ("dunnettx").</summary>
    Dunnettx,

    /// <summary>Scheffe's method for a family of contrasts of rank r, F based ("scheffe").</summary>
    Scheffe,

    /// <summary>emmeans' "mvt": the exact multivariate t distribution of the family (seeded Monte Carlo; emmeans' default for consec).</summary>
    Mvt,
}
