namespace MixedEffects.Data;

/// <summary>
/// Reads comma- or tab-separated text with a header row into a <see cref="Dataset"/>.
/// </summary>
/// <remarks>
/// Quoting follows RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks).
/// An empty field or <c>NA</c> (quoted or not) is a missing value. A column is numeric when
/// every non-missing field is a number (invariant culture; scientific notation, <c>Inf</c>,
/// <c>-Inf</c>) and none of its fields is quoted; otherwise it is a text column. This matches
/// files written by R's <c>write.csv</c>, which quotes factor and character columns, so a quoted
/// <c>"1"</c> is a factor level. Unquoted fields are trimmed; blank lines are skipped; a UTF-8
/// byte-order mark and CRLF line ends are accepted.
/// </remarks>
public static class CsvReader
{
    /// <summary>
    /// Reads a data file. The delimiter is a tab for <c>.tsv</c> and <c>.tab</c> files, or when the
    /// header line contains tabs and no commas; otherwise a comma.
    /// </summary>
    /// <param name="path">Path of the file.</param>
    /// <exception cref="DataFileException">The file is missing, unreadable, empty or malformed.</exception>
    public static Dataset ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new DataFileException($"data file '{path}' not found");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"data file '{path}' could not be read: {e.Message}");
        }
        return Parse(text, path, ChooseDelimiter(path, text));
    }

    /// <summary>Reads delimited text from a reader.</summary>
    /// <param name="reader">The text; read to its end.</param>
    /// <param name="source">Name of the data used in error messages and as <see cref="Dataset.Source"/>.</param>
    /// <param name="delimiter">The field delimiter, usually ',' or '\t'.</param>
    /// <exception cref="DataFileException">The text is empty or malformed.</exception>
    public static Dataset Read(TextReader reader, string source, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        return Parse(reader.ReadToEnd(), source, delimiter);
    }

    /// <summary>Parses a whole text.</summary>
    internal static Dataset Parse(string text, string source, char delimiter)
    {
        if (delimiter is '"' or '\n' or '\r')
            throw new ArgumentException($"'{delimiter}' cannot be used as a field delimiter", nameof(delimiter));
        var tokenizer = new CsvTokenizer(text, delimiter, source);
        if (!tokenizer.SkipBlankLines()) throw new DataFileException($"'{source}' is empty: no header row");
        var names = ReadHeader(tokenizer, source);

        int maxRows = tokenizer.RemainingLineCount();
        var columns = new CsvColumnBuilder[names.Count];
        for (int i = 0; i < columns.Length; i++) columns[i] = new CsvColumnBuilder(names[i], text, maxRows);

        int rows = 0;
        while (tokenizer.SkipBlankLines())
        {
            int line = tokenizer.Line;
            int count = 0;
            bool more;
            do
            {
                more = tokenizer.ReadField(count + 1, out var field);
                if (count < columns.Length) columns[count].Add(field);
                count++;
            } while (more);
            if (count != columns.Length)
                throw new DataFileException($"'{source}' line {line}: {count} fields, expected {columns.Length}");
            rows++;
        }
        if (rows == 0) throw new DataFileException($"'{source}' has a header but no data rows");
        return new Dataset(columns.Select(c => c.Build()), source);
    }

    private static List<string> ReadHeader(CsvTokenizer tokenizer, string source)
    {
        var names = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool more;
        do
        {
            more = tokenizer.ReadField(names.Count + 1, out var field);
            var name = field.Value.ToString();
            int column = names.Count + 1;
            if (name.Length == 0)
                throw new DataFileException(
                    $"'{source}' header: column {column} has an empty name (files written by R need row.names = FALSE)");
            if (!seen.TryAdd(name, column))
                throw new DataFileException(
                    $"'{source}' header: column name '{name}' appears twice (columns {seen[name]} and {column})");
            names.Add(name);
        } while (more);
        return names;
    }

    private static char ChooseDelimiter(string path, string text)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".tsv", StringComparison.OrdinalIgnoreCase)
            || extension.Equals(".tab", StringComparison.OrdinalIgnoreCase))
            return '\t';
        var header = text.AsSpan().TrimStart("\uFEFF\r\n ");
        int end = header.IndexOfAny('\n', '\r');
        if (end >= 0) header = header[..end];
        return header.Contains('\t') && !header.Contains(',') ? '\t' : ',';
    }
}
