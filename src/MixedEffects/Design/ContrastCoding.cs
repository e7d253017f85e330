namespace MixedEffects.Design;

/// <summary>How a factor's levels are coded in the fixed-effects matrix (R's <c>contr.*</c> functions).</summary>
public enum ContrastCoding
{
    /// <summary>R's <c>contr.treatment</c>: the first level is the reference (the default).</summary>
    Treatment,

    /// <summary>R's <c>contr.sum</c>: effects sum to zero; the last level is coded -1.</summary>
    Sum,

    /// <summary>R's <c>contr.helmert</c>: each level against the mean of the levels before it.</summary>
    Helmert,
}
