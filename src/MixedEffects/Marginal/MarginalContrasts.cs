namespace MixedEffects.Marginal;

/// <summary>A table of contrasts of estimated marginal means with emmeans' adjustments and annotations.</summary>
public sealed class MarginalContrasts
{
    internal MarginalContrasts(IReadOnlyList<MarginalContrast> rows, AdjustmentMethod adjustment, string estimateName,
        IReadOnlyList<string> messages, IReadOnlyList<double[]> coefficients, string degreesOfFreedomMethod, double level)
    {
        Rows = rows;
        Adjustment = adjustment;
        EstimateName = estimateName;
        Messages = messages;
        Coefficients = coefficients;
        DegreesOfFreedomMethod = degreesOfFreedomMethod;
        ConfidenceLevel = level;
    }

    /// <summary>The contrasts in emmeans' order (by-groups in grid order, contrasts within a group in the family's order).</summary>
    public IReadOnlyList<MarginalContrast> Rows { get; }

    /// <summary>The p-value adjustment applied (after emmeans' substitutions, e.g. Tukey to Sidak for non-pairwise families).</summary>
    public AdjustmentMethod Adjustment { get; }

    /// <summary>emmeans' name of the estimate column: <c>estimate</c>, <c>odds.ratio</c> or <c>ratio</c>.</summary>
    public string EstimateName { get; }

    /// <summary>emmeans' annotation lines (df method, confidence level, adjustments, back-transformation).</summary>
    public IReadOnlyList<string> Messages { get; }

    /// <summary>Each contrast's coefficients on the rows of the means (emmeans' <c>coef()</c>), in <see cref="Rows"/> order.</summary>
    public IReadOnlyList<double[]> Coefficients { get; }

    /// <summary>Degrees-of-freedom method: kenward-roger, satterthwaite or asymptotic.</summary>
    public string DegreesOfFreedomMethod { get; }

    /// <summary>The confidence level of the (adjusted) intervals.</summary>
    public double ConfidenceLevel { get; }
}
