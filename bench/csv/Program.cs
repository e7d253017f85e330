using System.Diagnostics;
using System.Globalization;
using MixedEffects.Data;
using nietras.SeparatedValues;

// Reads each file with the library's reader (the Dataset with typed columns) and with Sep and Sylvan.Data.Csv
// (every field of every row: a number parsed as double, any other text looked up in a per-column level table
// without allocating a string per field, as a factor column does), best of N runs.
// Usage: dotnet run -c Release --project bench/csv -- [runs] FILE...
int runs = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 5;
var files = args.Skip(1).ToArray();
Console.WriteLine("| file | rows | MixedEffects CsvReader (s) | Sep (s) | Sylvan.Data.Csv (s) |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var file in files)
{
    int rows = CsvReader.ReadFile(file).RowCount;
    double ours = Best(runs, () => CsvReader.ReadFile(file).RowCount);
    double sep = Best(runs, () => ReadSep(file));
    double sylvan = Best(runs, () => ReadSylvan(file));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {Path.GetFileName(file)} | {rows} | {ours:F3} | {sep:F3} | {sylvan:F3} |"));
}

static double Best(int runs, Func<int> read)
{
    double best = double.MaxValue;
    for (int r = 0; r < runs; r++)
    {
        var watch = Stopwatch.StartNew();
        read();
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
    }
    return best;
}

static int ReadSep(string file)
{
    using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(file);
    int columns = reader.Header.ColNames.Count;
    var columnsRead = Enumerable.Range(0, columns).Select(_ => new ColumnValues()).ToArray();
    int rows = 0;
    foreach (var row in reader)
    {
        for (int c = 0; c < columns; c++)
        {
            var span = row[c].Span;
            columnsRead[c].Add(span);
        }
        rows++;
    }
    return rows;
}

static int ReadSylvan(string file)
{
    using var reader = Sylvan.Data.Csv.CsvDataReader.Create(file);
    int columns = reader.FieldCount;
    var columnsRead = Enumerable.Range(0, columns).Select(_ => new ColumnValues()).ToArray();
    int rows = 0;
    while (reader.Read())
    {
        for (int c = 0; c < columns; c++)
        {
            var span = reader.GetFieldSpan(c);
            columnsRead[c].Add(span);
        }
        rows++;
    }
    return rows;
}

/// <summary>One column's values: numbers, or level codes of texts.</summary>
internal sealed class ColumnValues
{
    private readonly List<double> _numbers = [];
    private readonly List<int> _codes = [];
    private readonly Dictionary<string, int> _levels = [];

    public void Add(ReadOnlySpan<char> field)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            _numbers.Add(v);
            return;
        }
        var lookup = _levels.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(field, out int code))
        {
            code = _levels.Count;
            _levels.Add(field.ToString(), code);
        }
        _codes.Add(code);
    }
}
