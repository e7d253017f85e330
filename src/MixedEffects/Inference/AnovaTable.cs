namespace MixedEffects.Inference;

/// <summary>An ANOVA table for the fixed terms of a linear mixed model (lmerTest's <c>anova(m, type, ddf)</c>).</summary>
/// <param name="Type">Type I, II or III hypotheses.</param>
/// <param name="Method">The df method's name: "Satterthwaite", "Kenward-Roger" or "asymptotic".</param>
/// <param name="Rows">One row per fixed term, in model order.</param>
public sealed record AnovaTable(AnovaType Type, string Method, IReadOnlyList<AnovaRow> Rows)
{
    /// <summary>lmerTest's heading, e.g. "Type III Analysis of Variance Table with Satterthwaite's method".</summary>
    public string Heading => Method == "asymptotic"
        ? $"Type {Type} Analysis of Variance Table with asymptotic (Wald) tests"
        : $"Type {Type} Analysis of Variance Table with {Method}'s method";
}
