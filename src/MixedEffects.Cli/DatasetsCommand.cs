using System.CommandLine;
using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary><c>mixed datasets</c>: lists the built-in datasets with their size and columns.</summary>
internal sealed class DatasetsCommand : DocumentedCommand
{
    /// <summary>Creates the command.</summary>
    public DatasetsCommand() : base("datasets", "list the built-in datasets",
        "Lists the built-in datasets (usable as DATA in 'mixed fit') with rows and columns.")
    {
        SetAction(Run);
    }

    private static int Run(ParseResult parsed)
    {
        var stdout = parsed.InvocationConfiguration.Output;
        int width = Datasets.Names.Max(n => n.Length);
        foreach (var name in Datasets.Names)
        {
            var frame = Datasets.Load(name);
            stdout.Write($"{name.PadRight(width)}  {frame.RowCount,6} rows  {string.Join(", ", frame.ColumnNames)}\n");
        }
        return ExitCodes.Success;
    }
}
