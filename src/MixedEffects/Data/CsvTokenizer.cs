namespace MixedEffects.Data;

/// <summary>
/// Splits delimited text into records and fields following RFC 4180: fields may be enclosed in
/// double quotes, a doubled quote inside a quoted field stands for one quote, and quoted fields
/// may contain delimiters and line breaks. Line ends may be LF, CRLF or CR. Works on spans of the
/// source text and copies only when a quoted field contains doubled quotes.
/// </summary>
internal sealed class CsvTokenizer
{
    private const char Quote = '"';
    private readonly string _text;
    private readonly char _delimiter;
    private readonly string _source;
    private char[] _scratch = new char[128];
    private int _pos;

    /// <summary>Creates a tokenizer over the whole text; a leading byte-order mark is skipped.</summary>
    public CsvTokenizer(string text, char delimiter, string source)
    {
        _text = text;
        _delimiter = delimiter;
        _source = source;
        _pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        Line = 1;
    }

    /// <summary>
    /// Creates a tokenizer that starts at <paramref name="start"/>, the beginning of a record on line
    /// <paramref name="line"/>.
    /// </summary>
    public CsvTokenizer(string text, char delimiter, string source, int start, int line) : this(text, delimiter, source)
    {
        _pos = start;
        Line = line;
    }

    /// <summary>The index in the text of the next character to read.</summary>
    public int Position => _pos;

    /// <summary>The 1-based physical line number of the current position.</summary>
    public int Line { get; private set; }

    /// <summary>The number of lines from the current position to the end: an upper bound of the records left.</summary>
    public int RemainingLineCount() => LineCount(_pos, _text.Length);

    /// <summary>The number of lines that start in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int LineCount(int from, int to)
    {
        var rest = _text.AsSpan(from, to - from);
        int lines = rest.Count('\n');
        return rest.IsEmpty || rest[^1] == '\n' ? lines : lines + 1;
    }

    /// <summary>
    /// Moves past lines that are empty or hold only whitespace.
    /// Returns false when the end of the text is reached.
    /// </summary>
    public bool SkipBlankLines()
    {
        var text = _text;
        while (_pos < text.Length)
        {
            int p = _pos;
            while (p < text.Length && IsPadding(text[p])) p++;
            if (p >= text.Length)
            {
                _pos = p;
                return false;
            }
            char c = text[p];
            if (c != '\n' && c != '\r') return true;
            _pos = ConsumeLineEnd(p);
        }
        return false;
    }

    /// <summary>
    /// Reads the next field of the current record. Returns true when another field of the same
    /// record follows, false when the record (line) ended with this field.
    /// </summary>
    /// <param name="column">1-based field number within the record, used in error messages.</param>
    /// <param name="field">The field read.</param>
    public bool ReadField(int column, out CsvField field)
    {
        var text = _text;
        int start = _pos;
        int p = start;
        while (p < text.Length && IsPadding(text[p])) p++;
        if (p < text.Length && text[p] == Quote) return ReadQuoted(p + 1, column, out field);

        int found = text.AsSpan(start).IndexOfAny(_delimiter, '\n', '\r');
        int end = found < 0 ? text.Length : start + found;
        int s = start;
        int e = end;
        while (s < e && char.IsWhiteSpace(text[s])) s++;
        while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
        int stray = text.AsSpan(s, e - s).IndexOf(Quote);
        if (stray >= 0)
            throw new DataFileException(
                $"'{_source}' line {Line}, column {column}: stray quote in the unquoted field '{text.AsSpan(s, e - s)}' " +
                "(enclose the whole field in quotes and double the quotes inside it)");
        field = new CsvField(text.AsSpan(s, e - s), quoted: false, start: s);
        return ConsumeSeparator(end);
    }

    private bool ReadQuoted(int p, int column, out CsvField field)
    {
        var text = _text;
        int openLine = Line;
        int segmentStart = p;
        int copied = 0;
        bool usesScratch = false;
        while (true)
        {
            int offset = text.AsSpan(p).IndexOf(Quote);
            if (offset < 0)
                throw new DataFileException(
                    $"'{_source}' line {openLine}: quoted field in column {column} is never closed (missing closing \")");
            int q = p + offset;
            Line += text.AsSpan(p, q - p).Count('\n');
            if (q + 1 < text.Length && text[q + 1] == Quote)
            {
                AppendToScratch(ref copied, text.AsSpan(segmentStart, q + 1 - segmentStart));
                usesScratch = true;
                p = q + 2;
                segmentStart = p;
                continue;
            }
            ReadOnlySpan<char> value;
            if (usesScratch)
            {
                AppendToScratch(ref copied, text.AsSpan(segmentStart, q - segmentStart));
                value = _scratch.AsSpan(0, copied);
            }
            else
            {
                value = text.AsSpan(segmentStart, q - segmentStart);
            }
            p = q + 1;
            while (p < text.Length && IsPadding(text[p])) p++;
            if (p < text.Length && text[p] != _delimiter && text[p] != '\n' && text[p] != '\r')
                throw new DataFileException(
                    $"'{_source}' line {Line}: unexpected text after the closing quote of column {column}");
            field = new CsvField(value, quoted: true, start: usesScratch ? -1 : segmentStart);
            return ConsumeSeparator(p);
        }
    }

    private void AppendToScratch(ref int copied, ReadOnlySpan<char> part)
    {
        if (copied + part.Length > _scratch.Length)
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, copied + part.Length));
        part.CopyTo(_scratch.AsSpan(copied));
        copied += part.Length;
    }

    /// <summary>Consumes the delimiter or line end at <paramref name="p"/>; true when a delimiter was found.</summary>
    private bool ConsumeSeparator(int p)
    {
        if (p >= _text.Length)
        {
            _pos = p;
            return false;
        }
        if (_text[p] == _delimiter)
        {
            _pos = p + 1;
            return true;
        }
        _pos = ConsumeLineEnd(p);
        return false;
    }

    private int ConsumeLineEnd(int p)
    {
        Line++;
        if (_text[p] == '\r' && p + 1 < _text.Length && _text[p + 1] == '\n') return p + 2;
        return p + 1;
    }

    private bool IsPadding(char c) => c == ' ' || (c == '\t' && _delimiter != '\t');
}
