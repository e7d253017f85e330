using System.CommandLine;
using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary><c>mixed datasets</c>: lists the built-in datasets with their size and columns.</summary>
internal sealed class DatasetsCommand : DocumentedCommand
{
    /// <summary>Creates the command.</summary>
    private readonly Argument<string?> _name = new("NAME")
    {
        Description = "a dataset to write out with --csv",
        Arity = ArgumentArity.ZeroOrOne,
        CompletionSources = { Datasets.Names.ToArray() },
    };

    private readonly Option<string?> _csv = CliOption.Value<string?>("--csv", "FILE",
        "write dataset NAME as CSV to FILE ('-' for standard output), text quoted as R's write.csv", v => v, null);

    public DatasetsCommand() : base("datasets", "list the built-in datasets, or write one as CSV",
        "Lists the built-in datasets (usable as DATA in 'mixed fit') with rows and columns;\n"
        + "'mixed datasets NAME --csv FILE' writes one out.")
    {
        Arguments.Add(_name);
        Options.Add(_csv);
        SetAction(Run);
    }

    private int Run(ParseResult parsed)
    {
        var stdout = parsed.InvocationConfiguration.Output;
        string? chosen = parsed.GetValue(_name);
        string? target = parsed.GetValue(_csv);
        if (chosen is not null || target is not null)
        {
            if (chosen is null) throw new CommandLineException("'--csv' needs a dataset NAME (see 'mixed datasets')");
            if (!Datasets.Names.Contains(chosen))
                throw new CommandLineException($"unknown dataset '{chosen}' (datasets: {string.Join(", ", Datasets.Names)})");
            if (target is null) throw new CommandLineException($"'mixed datasets {chosen}' needs '--csv FILE' ('-' for standard output)");
            WriteCsv(Datasets.Load(chosen), target, stdout);
            return ExitCodes.Success;
        }
        int width = Datasets.Names.Max(n => n.Length);
        foreach (var name in Datasets.Names)
        {
            var frame = Datasets.Load(name);
            stdout.Write($"{name.PadRight(width)}  {frame.RowCount,6} rows  {string.Join(", ", frame.ColumnNames)}\n");
        }
        return ExitCodes.Success;
    }

    private static void WriteCsv(Dataset data, string target, TextWriter stdout)
    {
        var columns = data.Columns;
        var rows = Enumerable.Range(0, data.RowCount).Select(row => (IReadOnlyList<object?>)columns.Select(c => Cell(c, row)).ToArray());
        CsvTableWriter.Write(target, data.ColumnNames.ToArray(), rows, stdout);
    }

    // text columns quoted, numbers as the dataset formats them (R's shortest form), missing values NA
    private static object? Cell(DataColumn column, int row) => column.FormatValue(row) is not { } value ? null
        : column is TextColumn ? value : new CsvNumber(value);
}
