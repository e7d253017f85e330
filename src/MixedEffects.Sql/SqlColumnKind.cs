namespace MixedEffects.Sql;

/// <summary>What a source column holds, as far as the formula is concerned.</summary>
internal enum SqlColumnKind
{
    /// <summary>Numbers (integers, decimals, floating point, booleans).</summary>
    Numeric,

    /// <summary>Text: a factor.</summary>
    Text,

    /// <summary>Anything else (dates, blobs, lists): not usable in a formula.</summary>
    Other,
}
