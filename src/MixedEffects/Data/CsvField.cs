namespace MixedEffects.Data;

/// <summary>
/// One field produced by <see cref="CsvTokenizer"/>: its text (quotes removed, doubled quotes
/// collapsed, surrounding whitespace trimmed when unquoted) and whether it was written in quotes.
/// The span is only valid until the tokenizer reads the next field.
/// </summary>
internal readonly ref struct CsvField
{
    /// <summary>Creates a field.</summary>
    public CsvField(ReadOnlySpan<char> value, bool quoted, int start)
    {
        Value = value;
        Quoted = quoted;
        Start = start;
    }

    /// <summary>The field's text.</summary>
    public ReadOnlySpan<char> Value { get; }

    /// <summary>True when the field was enclosed in double quotes.</summary>
    public bool Quoted { get; }

    /// <summary>Index of <see cref="Value"/> in the source text; -1 for a quoted field with doubled quotes (copied).</summary>
    public int Start { get; }
}
