using System.Globalization;

namespace MixedEffects.Data;

/// <summary>
/// Collects the fields of one CSV column and decides its kind: numeric while every non-missing
/// field is a number (quoted or not, as R's <c>read.csv</c> decides), text as soon as a field is not a number,
/// or from the start for a declared factor column, or at the first quoted field when quoted fields mark
/// text (<see cref="CsvReadOptions.QuotedFieldsAreText"/>). Numbers are
/// parsed as they arrive; the positions of their text are kept so that the column can turn into a
/// text column later without re-reading the file. Text values are interned per column.
/// </summary>
internal sealed class CsvColumnBuilder
{
    private readonly string _source;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private double[] _numbers;
    private int[] _starts;
    private int[] _lengths;
    private string?[]? _texts;
    private readonly int _maxRows;
    private readonly CsvNumberFormat _format;
    private readonly bool _quotedIsText;
    private readonly bool _isFactor;
    private int _count;
    private string? _lastText;   // the last text interned: long data repeat a subject's id row after row

    /// <summary>Creates a builder for a column of the text <paramref name="source"/>.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="source">The whole text being parsed (unquoted fields are slices of it).</param>
    /// <param name="maxRows">The expected number of rows, an upper bound for well-formed text; buffers
    /// are allocated at this size once the column's kind is known and grow beyond it only if needed.</param>
    /// <param name="format">How numbers are written.</param>
    /// <param name="isFactor">True for a column declared a factor: text whatever its values.</param>
    /// <param name="quotedIsText">True when a quoted field makes the column text.</param>
    public CsvColumnBuilder(string name, string source, int maxRows, CsvNumberFormat format, bool isFactor, bool quotedIsText)
    {
        Name = name;
        _source = source;
        _maxRows = Math.Max(maxRows, 1);
        _numbers = [];
        _starts = [];
        _lengths = [];
        _format = format;
        _quotedIsText = quotedIsText;
        _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
        _isFactor = isFactor;
        if (isFactor) _texts = new string?[_maxRows];
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>Adds the next row's field.</summary>
    public void Add(in CsvField field)
    {
        var value = field.Value;
        bool missing = value.IsEmpty || value.SequenceEqual("NA");
        if (_texts is null)
        {
            if (_count == _numbers.Length) GrowNumeric();
            if (!(field.Quoted && _quotedIsText))
            {
                if (missing)
                {
                    _numbers[_count] = double.NaN;
                    _starts[_count++] = -1;
                    return;
                }
                if (field.Start >= 0 && _format.TryParse(value, out double number))
                {
                    _numbers[_count] = number;
                    _starts[_count] = field.Start;
                    _lengths[_count++] = value.Length;
                    return;
                }
            }
            SwitchToText();
        }
        if (_count == _texts!.Length) Array.Resize(ref _texts, NextCapacity(_texts.Length));
        _texts[_count++] = missing ? null : Intern(value);
    }

    /// <summary>
    /// Appends the rows of <paramref name="other"/>, a builder of the same column over a later part of the same text.
    /// The column is numeric when both are; otherwise the numeric one turns into text from its fields' positions.
    /// </summary>
    public void Append(CsvColumnBuilder other)
    {
        if (_texts is null && other._texts is null)
        {
            int size = _count + other._count;
            if (size > _numbers.Length)
            {
                Array.Resize(ref _numbers, size);
                Array.Resize(ref _starts, size);
                Array.Resize(ref _lengths, size);
            }
            other._numbers.AsSpan(0, other._count).CopyTo(_numbers.AsSpan(_count));
            other._starts.AsSpan(0, other._count).CopyTo(_starts.AsSpan(_count));
            other._lengths.AsSpan(0, other._count).CopyTo(_lengths.AsSpan(_count));
            _count = size;
            return;
        }
        if (_texts is null) SwitchToText();
        if (other._texts is null) other.SwitchToText();
        if (_count + other._count > _texts!.Length) Array.Resize(ref _texts, _count + other._count);
        var same = new Dictionary<string, string>(ReferenceEqualityComparer.Instance);
        foreach (var text in other._pool.Keys) same.Add(text, Intern(text));
        for (int i = 0; i < other._count; i++)
            _texts[_count++] = other._texts![i] is { } text ? same[text] : null;
    }

    /// <summary>The finished column; a declared factor whose values are all numbers sorts its levels by value.</summary>
    public DataColumn Build()
    {
        if (_texts is null) return new NumericColumn(Name, new ArraySegment<double>(_numbers, 0, _count));
        var texts = new ArraySegment<string?>(_texts, 0, _count);
        return _isFactor && NumericLevelOrder() is { } order ? new TextColumn(Name, texts, order) : new TextColumn(Name, texts);
    }

    private string[]? NumericLevelOrder()
    {
        var levels = new List<(double Value, string Text)>();
        foreach (var text in _pool.Keys)
        {
            if (!_format.TryParse(text, out double value)) return null;
            levels.Add((value, text));
        }
        return levels.OrderBy(l => l.Value).ThenBy(l => l.Text, StringComparer.Ordinal).Select(l => l.Text).ToArray();
    }

    private void SwitchToText()
    {
        var texts = new string?[Math.Max(_numbers.Length, _maxRows)];
        for (int i = 0; i < _count; i++)
            texts[i] = _starts[i] < 0 ? null : Intern(_source.AsSpan(_starts[i], _lengths[i]));
        _texts = texts;
        _numbers = [];
        _starts = [];
        _lengths = [];
    }

    private void GrowNumeric()
    {
        int size = NextCapacity(_numbers.Length);
        Array.Resize(ref _numbers, size);
        Array.Resize(ref _starts, size);
        Array.Resize(ref _lengths, size);
    }

    private int NextCapacity(int current) => current == 0 ? _maxRows : current * 2;

    private string Intern(ReadOnlySpan<char> value)
    {
        if (_lastText is { } last && value.SequenceEqual(last)) return last;
        if (!_lookup.TryGetValue(value, out var text))
        {
            text = value.ToString();
            _pool.Add(text, text);
        }
        _lastText = text;
        return text;
    }
}
