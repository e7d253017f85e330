using MixedEffects.Data;

namespace MixedEffects.Cli;

/// <summary><c>mixed datasets</c>: lists the built-in datasets with their size and columns.</summary>
internal sealed class DatasetsCommand : ICommand
{
    private static readonly IReadOnlyList<OptionSpec> Options = [new("--help", null, "show this help")];

    /// <inheritdoc/>
    public string Name => "datasets";

    /// <inheritdoc/>
    public string Summary => "list the built-in datasets";

    /// <inheritdoc/>
    public string Help => "usage: mixed datasets\n\nLists the built-in datasets (usable as DATA in 'mixed fit') with rows and columns.\n";

    /// <inheritdoc/>
    public int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var parsed = ArgumentParser.Parse(args, Options, Name);
        if (parsed.Has("--help"))
        {
            stdout.Write(Help);
            return ExitCodes.Success;
        }
        if (parsed.Positionals.Count > 0)
            throw new CommandLineException($"unexpected argument '{parsed.Positionals[0]}'");
        int width = Datasets.Names.Max(n => n.Length);
        foreach (var name in Datasets.Names)
        {
            var frame = Datasets.Load(name);
            stdout.Write($"{name.PadRight(width)}  {frame.RowCount,6} rows  {string.Join(", ", frame.ColumnNames)}\n");
        }
        return ExitCodes.Success;
    }
}
