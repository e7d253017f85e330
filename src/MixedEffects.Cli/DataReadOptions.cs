using System.CommandLine;
using System.Text;
using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary>The options that say how a data file is read: <c>--factor</c>, <c>--delimiter</c>, <c>--decimal</c>, <c>--encoding</c>.</summary>
internal sealed class DataReadOptions
{
    /// <summary>Creates the declarations.</summary>
    public DataReadOptions() => Options = [Factor, Delimiter, Decimal, Encoding];

    /// <summary>The options, in help order.</summary>
    public IReadOnlyList<Option> Options { get; }

    /// <summary><c>--factor</c>.</summary>
    public Option<string[]> Factor { get; } = CliOption.Value("--factor", "COLS",
        "read these columns as factors even when their values are numbers (comma-separated)",
        v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), []);

    /// <summary><c>--delimiter</c>.</summary>
    public Option<char?> Delimiter { get; } = CliOption.Value("--delimiter", "CHAR",
        "field delimiter: ',', ';', tab or '\\t' (default: from the header line)", v => (char?)Character(v, "--delimiter"), null);

    /// <summary><c>--decimal</c>.</summary>
    public Option<char?> Decimal { get; } = CliOption.Value("--decimal", "CHAR",
        "decimal mark of numbers: '.' (default) or ','", ParseDecimal, null);

    /// <summary><c>--encoding</c>.</summary>
    public Option<Encoding?> Encoding { get; } = CliOption.Value<Encoding?>("--encoding", "NAME",
        "text encoding of the file: utf-8 (default), latin1, windows-1252, utf-16, ...", ParseEncoding, null);

    /// <summary>The reading options given on the command line.</summary>
    public CsvReadOptions Build(ParseResult parsed) => new()
    {
        Factors = parsed.GetValue(Factor) ?? [],
        Delimiter = parsed.GetValue(Delimiter),
        DecimalSeparator = parsed.GetValue(Decimal),
        Encoding = parsed.GetValue(Encoding),
    };

    private static char? ParseDecimal(string value)
    {
        char mark = Character(value, "--decimal");
        if (mark is '.' or ',') return mark;
        throw new CommandLineException($"--decimal must be '.' or ',', not '{value}'");
    }

    private static Encoding ParseEncoding(string value)
    {
        try
        {
            return CsvReadOptions.EncodingNamed(value);
        }
        catch (DataFileException e)
        {
            throw new CommandLineException($"--encoding: {e.Message}");
        }
    }

    private static char Character(string value, string option)
    {
        if (value is "\\t" or "tab") return '\t';
        if (value.Length != 1 || value[0] is '"' or '\n' or '\r')
            throw new CommandLineException($"{option} must be one character (e.g. ';' or '\\t'), not '{value}'");
        return value[0];
    }
}
