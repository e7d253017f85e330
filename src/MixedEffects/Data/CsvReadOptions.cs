using System.Text;

namespace MixedEffects.Data;

/// <summary>How <see cref="CsvReader"/> reads a file: delimiter, decimal mark, text encoding and factor columns.</summary>
public sealed record CsvReadOptions
{
    /// <summary>
    /// The field delimiter, or null to choose one: a tab for <c>.tsv</c>/<c>.tab</c> files or a header with tabs
    /// and no commas; a semicolon for a header with semicolons and no commas or tabs; a comma otherwise.
    /// </summary>
    public char? Delimiter { get; init; }

    /// <summary>
    /// The decimal mark of numbers, '.' or ',', or null for '.' (in a semicolon-separated file a field such as
    /// <c>1,5</c> is then read as 1.5 too, as R's <c>read.csv2</c> reads it).
    /// </summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>
    /// The file's encoding, or null for UTF-8, in which case bytes that are not valid UTF-8 stop the reading
    /// with their line and column instead of being replaced (which would merge different labels).
    /// </summary>
    public Encoding? Encoding { get; init; }

    /// <summary>Columns read as text (factors) even when every value is a number, as R's <c>factor()</c> would make them.</summary>
    public IReadOnlyCollection<string> Factors { get; init; } = [];

    /// <summary>
    /// When true, a column with any quoted field is text even if its values are numbers. Files written by R's
    /// <c>write.csv</c> quote exactly their factor and character columns; the built-in datasets are read this way
    /// so that numeric-looking factor labels (subject ids, herds, years) stay factors as they are in R.
    /// </summary>
    public bool QuotedFieldsAreText { get; init; }

    /// <summary>The encoding named by <paramref name="name"/> (utf-8, latin1, windows-1252, utf-16, ...).</summary>
    /// <exception cref="DataFileException">The name is not an encoding this platform knows.</exception>
    public static Encoding EncodingNamed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.Equals("latin1", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("latin-1", StringComparison.OrdinalIgnoreCase))
            return Encoding.Latin1;
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(trimmed) ?? Encoding.GetEncoding(trimmed);
        }
        catch (ArgumentException)
        {
            throw new DataFileException($"unknown encoding '{name}' (for example utf-8, latin1, windows-1252, utf-16)");
        }
    }
}
