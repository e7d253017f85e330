namespace MixedEffects.Data;

/// <summary>
/// Reads comma-, semicolon- or tab-separated text with a header row into a <see cref="Dataset"/>.
/// </summary>
/// <remarks>
/// Quoting follows RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks; a quote
/// inside an unquoted field is an error). An empty field or <c>NA</c> (quoted or not) is a missing value.
/// A column is numeric when every non-missing field is a number, quoted or not (invariant culture;
/// scientific notation, <c>Inf</c>, <c>-Inf</c>), as R's <c>read.csv</c> and pandas decide; otherwise it is
/// a text column. Declare numeric-looking factors with <see cref="CsvReadOptions.Factors"/> or
/// <c>factor()</c> in the formula. Unquoted fields are trimmed; blank lines are skipped; a UTF-8
/// byte-order mark and CRLF line ends are accepted. Files are decoded as UTF-8 unless another encoding is
/// named; invalid bytes stop the reading with their line and column.
/// </remarks>
public static class CsvReader
{
    /// <summary>
    /// Reads a data file. The delimiter is a tab for <c>.tsv</c> and <c>.tab</c> files, or when the
    /// header line contains tabs and no commas; a semicolon when it contains semicolons and neither commas
    /// nor tabs; otherwise a comma.
    /// </summary>
    /// <param name="path">Path of the file.</param>
    /// <exception cref="DataFileException">The file is missing, unreadable, empty or malformed.</exception>
    public static Dataset ReadFile(string path) => ReadFile(path, new CsvReadOptions());

    /// <summary>Reads a data file with the given delimiter, decimal mark, encoding and factor columns.</summary>
    /// <param name="path">Path of the file.</param>
    /// <param name="options">How to read it.</param>
    /// <exception cref="DataFileException">The file is missing, unreadable, empty or malformed.</exception>
    public static Dataset ReadFile(string path, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path)) throw new DataFileException($"data file '{path}' not found");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException($"data file '{path}' could not be read: {e.Message}");
        }
        var text = CsvDecoding.Decode(bytes, path, options.Encoding);
        return Parse(text, path, options.Delimiter ?? ChooseDelimiter(path, text), options);
    }

    /// <summary>Reads delimited text from a reader.</summary>
    /// <param name="reader">The text; read to its end.</param>
    /// <param name="source">Name of the data used in error messages and as <see cref="Dataset.Source"/>.</param>
    /// <param name="delimiter">The field delimiter, usually ',' or '\t'.</param>
    /// <exception cref="DataFileException">The text is empty or malformed.</exception>
    public static Dataset Read(TextReader reader, string source, char delimiter = ',') =>
        Read(reader, source, new CsvReadOptions { Delimiter = delimiter });

    /// <summary>Reads delimited text from a reader with the given options (a null delimiter is chosen from the header).</summary>
    /// <exception cref="DataFileException">The text is empty or malformed.</exception>
    public static Dataset Read(TextReader reader, string source, CsvReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var text = reader.ReadToEnd();
        return Parse(text, source, options.Delimiter ?? ChooseDelimiter(source, text), options);
    }

    /// <summary>Parses a whole text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">The name of the data in error messages.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="parallelThreshold">The number of characters after the header from which the records are read in
    /// two halves on two threads (<see cref="CsvRecords"/>).</param>
    internal static Dataset Parse(string text, string source, char delimiter, CsvReadOptions? options = null,
        int parallelThreshold = CsvRecords.ParallelThreshold)
    {
        options ??= new CsvReadOptions();
        if (delimiter is '"' or '\n' or '\r')
            throw new ArgumentException($"'{delimiter}' cannot be used as a field delimiter", nameof(delimiter));
        if (options.DecimalSeparator is { } mark && (mark is not ('.' or ',') || mark == delimiter))
            throw new DataFileException($"the decimal mark must be '.' or ',' and differ from the delimiter '{delimiter}', not '{mark}'");
        var format = new CsvNumberFormat(options.DecimalSeparator ?? '.', options.DecimalSeparator is null && delimiter == ';');
        var tokenizer = new CsvTokenizer(text, delimiter, source);
        if (!tokenizer.SkipBlankLines()) throw new DataFileException($"'{source}' is empty: no header row");
        var names = ReadHeader(tokenizer, source);
        foreach (var factor in options.Factors)
            if (!names.Contains(factor))
                throw new UnknownColumnException(factor, $"'{source}': no column '{factor}' to read as a factor (columns are: {string.Join(", ", names)})");

        var records = new CsvRecords(text, source, delimiter, maxRows => names
            .Select(name => new CsvColumnBuilder(name, text, maxRows, format, options.Factors.Contains(name), options.QuotedFieldsAreText))
            .ToArray());
        var (columns, rows) = records.Read(tokenizer, parallelThreshold);
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
        if (header.Contains('\t') && !header.Contains(',')) return '\t';
        return header.Contains(';') && !header.Contains(',') ? ';' : ',';
    }
}
