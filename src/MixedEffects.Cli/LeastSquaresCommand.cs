using System.Globalization;
using System.CommandLine;
using System.Text;
using MixedEffects.Data;
using MixedEffects.Inference;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>
/// <c>mixed lm DATA FORMULA</c> (ordinary least squares, R's <c>summary(lm(...))</c>: complete pooling) and
/// <c>mixed lmlist DATA FORMULA --by G</c> (one least-squares fit per level of G, lme4's <c>lmList</c> / pymer4's Lm2:
/// no pooling), with the model commands' data options.
/// </summary>
internal sealed class LeastSquaresCommand : DocumentedCommand
{
    private readonly bool _perGroup;
    private readonly DataPreparation _data = new();
    private readonly Argument<string> _dataArgument = new("DATA") { Description = "CSV/TSV file, or a built-in dataset name (see 'mixed datasets')" };
    private readonly Argument<string> _formula = new("FORMULA") { Description = "model formula without random-effects terms, e.g. \"Reaction ~ Days\"" };
    private readonly Option<string?> _by = CliOption.Value<string?>("--by", "G", "the grouping column (one fit per level)", v => v, null);
    private readonly Option<OutputFormat> _format = CliOption.Value("--format", "text|json", "report format (default text)",
        v => v.ToLowerInvariant() switch
        {
            "text" => OutputFormat.Text,
            "json" => OutputFormat.Json,
            _ => throw new CommandLineException($"unknown format '{v}' (expected text or json)"),
        }, OutputFormat.Text);
    private readonly Option<string?> _coefCsv = CliOption.Value<string?>("--coef-csv", "FILE",
        "write the per-group coefficients: level, one column per coefficient", v => v, null);

    /// <summary>Creates <c>mixed lm</c> or, with <paramref name="perGroup"/>, <c>mixed lmlist</c>.</summary>
    public LeastSquaresCommand(bool perGroup) : base(perGroup ? "lmlist" : "lm",
        perGroup ? "least squares per group (lme4's lmList, no pooling) with a coefficient table"
                 : "ordinary least squares (R's lm, complete pooling) and its summary",
        perGroup ? "Fits FORMULA (no random-effects terms) by least squares to each level of --by G, as lme4's lmList;\n"
                   + "prints the coefficients per group and writes them with --coef-csv."
                 : "Fits FORMULA (no random-effects terms) by ordinary least squares and prints R's summary(lm(...)).")
    {
        _perGroup = perGroup;
        Arguments.Add(_dataArgument);
        Arguments.Add(_formula);
        Options.Add(_format);
        if (perGroup)
        {
            Options.Add(_by);
            Options.Add(_coefCsv);
        }
        foreach (var option in _data.Options) Options.Add(option);
        SetAction(Run);
    }

    /// <inheritdoc/>
    public override string ExtraArgumentHint => " (quote the formula as one argument)";

    private int Run(ParseResult parsed)
    {
        var stdout = parsed.InvocationConfiguration.Output;
        var coding = _data.GlobalCoding(parsed);
        var data = _data.Apply(DatasetLoader.Load(parsed.GetRequiredValue(_dataArgument)), parsed);
        string formula = parsed.GetRequiredValue(_formula);
        bool json = parsed.GetValue(_format) == OutputFormat.Json;
        if (!_perGroup)
        {
            var fit = OrdinaryLeastSquares.Fit(formula, data, coding);
            stdout.Write(json ? JsonReport.Serialize(LeastSquaresReport.Build(fit)) + "\n" : "\nCall:\n" + InferenceTextReport.LeastSquares(fit));
            return ExitCodes.Success;
        }
        string group = parsed.GetValue(_by) ?? throw new CommandLineException("'mixed lmlist' needs '--by G' (the grouping column)");
        var fits = PerGroupLeastSquares.Fit(formula, data, group, coding);
        if (parsed.GetValue(_coefCsv) is { } path)
            CsvTableWriter.Write(path, [group, .. fits.Columns], CoefficientRows(fits));
        stdout.Write(json ? JsonReport.Serialize(PerGroupLeastSquaresReport.Build(fits)) + "\n" : CoefficientTable(fits));
        return ExitCodes.Success;
    }

    private static IEnumerable<IReadOnlyList<object?>> CoefficientRows(PerGroupLeastSquaresFit fits)
    {
        var coef = fits.Coefficients;
        for (int g = 0; g < fits.Levels.Count; g++)
            yield return [fits.Levels[g], .. Enumerable.Range(0, fits.Columns.Count).Select(j => (object?)(double.IsNaN(coef[g, j]) ? null : coef[g, j]))];
    }

    // lme4's print(coef(lmList(...))): one row per group, 7 significant digits, NA where a group could not estimate a column
    private static string CoefficientTable(PerGroupLeastSquaresFit fits)
    {
        var coef = fits.Coefficients;
        var cells = fits.Columns.Select((_, j) => Enumerable.Range(0, fits.Levels.Count)
            .Select(g => double.IsNaN(coef[g, j]) ? "NA" : coef[g, j].ToString("G7", CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var widths = fits.Columns.Select((name, j) => Math.Max(name.Length, cells[j].Max(s => s.Length))).ToArray();
        int rowWidth = fits.Levels.Max(l => l.Length);
        var text = new StringBuilder();
        text.Append("".PadRight(rowWidth));
        for (int j = 0; j < widths.Length; j++) text.Append(' ').Append(fits.Columns[j].PadLeft(widths[j]));
        text.Append('\n');
        for (int g = 0; g < fits.Levels.Count; g++)
        {
            text.Append(fits.Levels[g].PadRight(rowWidth));
            for (int j = 0; j < widths.Length; j++) text.Append(' ').Append(cells[j][g].PadLeft(widths[j]));
            text.Append('\n');
        }
        return text.ToString();
    }
}
