namespace MixedEffects.Data;

/// <summary>
/// Reads the data records of a delimited text (after its header) into one <see cref="CsvColumnBuilder"/> per column.
/// A large text is read in two halves on two threads: the second half starts after a line feed that lies outside any
/// quoted field (an even number of quotes before it, which holds at every record boundary of well-formed text), and
/// its columns are appended to the first half's. When the second half finds a problem, or the first half does not end
/// exactly where the second begins, the whole text is read again in one pass, so an error names the same line and
/// column as a sequential reading does.
/// </summary>
internal sealed class CsvRecords
{
    /// <summary>Texts with fewer characters after the header are read in one pass.</summary>
    internal const int ParallelThreshold = 1 << 20;

    private readonly string _text;
    private readonly string _source;
    private readonly char _delimiter;
    private readonly Func<int, CsvColumnBuilder[]> _createColumns;

    /// <summary>Creates the reader of the records of <paramref name="text"/>.</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="source">The name of the data in error messages.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="createColumns">Makes the columns' builders for a given number of rows (an upper bound).</param>
    public CsvRecords(string text, string source, char delimiter, Func<int, CsvColumnBuilder[]> createColumns)
    {
        _text = text;
        _source = source;
        _delimiter = delimiter;
        _createColumns = createColumns;
    }

    /// <summary>Reads the records from the tokenizer's position (just after the header) to the end of the text.</summary>
    /// <param name="tokenizer">The tokenizer that read the header.</param>
    /// <param name="threshold">The number of characters from which two threads are used.</param>
    /// <returns>The column builders holding every record, and the number of records.</returns>
    /// <exception cref="DataFileException">A record is malformed.</exception>
    public (CsvColumnBuilder[] Columns, int Rows) Read(CsvTokenizer tokenizer, int threshold = ParallelThreshold)
    {
        int start = tokenizer.Position;
        if (Environment.ProcessorCount > 1 && _text.Length - start >= threshold && Split(start) is int split)
        {
            int line = tokenizer.Line;
            if (ReadInHalves(tokenizer, split) is { } read) return read;
            return ReadSequentially(new CsvTokenizer(_text, _delimiter, _source, start, line));
        }
        return ReadSequentially(tokenizer);
    }

    private (CsvColumnBuilder[] Columns, int Rows) ReadSequentially(CsvTokenizer tokenizer)
    {
        var columns = _createColumns(tokenizer.RemainingLineCount());
        int rows = ReadRecords(tokenizer, columns, _text.Length);
        return (columns, rows);
    }

    /// <summary>Both halves read in parallel and joined, or null when the text must be read in one pass.</summary>
    private (CsvColumnBuilder[] Columns, int Rows)? ReadInHalves(CsvTokenizer tokenizer, int split)
    {
        var second = new CsvTokenizer(_text, _delimiter, _source, split, 1);   // its line numbers are not used
        var secondColumns = _createColumns(second.RemainingLineCount());
        int secondRows = 0;
        bool secondFailed = false;
        var task = Task.Run(() =>
        {
            try
            {
                secondRows = ReadRecords(second, secondColumns, _text.Length);
            }
            catch (DataFileException)
            {
                secondFailed = true;
            }
        });
        CsvColumnBuilder[] columns;
        int rows;
        try
        {
            columns = _createColumns(tokenizer.RemainingLineCount());
            rows = ReadRecords(tokenizer, columns, split);
        }
        finally
        {
            task.Wait();
        }
        if (secondFailed || tokenizer.Position != split) return null;
        for (int i = 0; i < columns.Length; i++) columns[i].Append(secondColumns[i]);
        return (columns, rows + secondRows);
    }

    /// <summary>
    /// Where the second half begins: just after the first line feed from the middle on that has an even number of
    /// quotes between <paramref name="start"/> and it; null when there is none in the third quarter of the text.
    /// </summary>
    private int? Split(int start)
    {
        int middle = start + (_text.Length - start) / 2, limit = start + 3 * (_text.Length - start) / 4;
        int quotes = _text.AsSpan(start, middle - start).Count('"');
        int p = middle;
        while (p < limit)
        {
            int lineFeed = _text.AsSpan(p, limit - p).IndexOf('\n');
            if (lineFeed < 0) return null;
            quotes += _text.AsSpan(p, lineFeed).Count('"');
            p += lineFeed + 1;
            if (quotes % 2 == 0) return p;
        }
        return null;
    }

    /// <summary>Reads the records that start before <paramref name="end"/>; returns how many.</summary>
    private int ReadRecords(CsvTokenizer tokenizer, CsvColumnBuilder[] columns, int end)
    {
        int rows = 0;
        while (tokenizer.Position < end && tokenizer.SkipBlankLines() && tokenizer.Position < end)
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
                throw new DataFileException($"'{_source}' line {line}: {count} fields, expected {columns.Length}" +
                    (count > columns.Length && _delimiter == ','
                        ? " (if numbers are written with decimal commas, the fields must be separated by ';': --delimiter ';' --decimal ',')"
                        : ""));
            rows++;
        }
        return rows;
    }
}
