using MixedEffects.Design;
using MixedEffects.Models;

namespace MixedEffects.Cli;

/// <summary>The option table of <c>mixed fit</c> and its translation into <see cref="FitOptions"/>.</summary>
internal static class FitOptionsParser
{
    /// <summary>Options accepted by <c>mixed fit</c>, in help order.</summary>
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("--reml", null, "fit by restricted maximum likelihood (the default)"),
        new("--ml", null, "fit by maximum likelihood"),
        new("--contrasts", "treatment|sum|helmert", "coding of factors (default treatment)"),
        new("--weights", "COL", "numeric column of prior weights"),
        new("--format", "text|json", "report format (default text)"),
        new("--ranef-csv", "FILE", "write conditional modes: group, level, term, value, condsd"),
        new("--coef-csv", "FILE", "write per-group coefficients: group, level, one column per coefficient"),
        new("--fitted-csv", "FILE", "write fitted values: row, fitted, residual"),
        new("--predict", "NEWDATA", "CSV/TSV file or dataset to predict for (needs --predict-csv)"),
        new("--predict-csv", "FILE", "write predictions: row, prediction"),
        new("--no-random", null, "predict from the fixed effects only"),
        new("--help", null, "show this help"),
    ];

    /// <summary>Builds the options from parsed arguments.</summary>
    /// <exception cref="CommandLineException">Wrong number of positionals, bad or conflicting values.</exception>
    public static FitOptions Build(ParsedArguments parsed)
    {
        if (parsed.Positionals.Count < 2)
            throw new CommandLineException(parsed.Positionals.Count == 0
                ? "missing arguments DATA and FORMULA (usage: mixed fit DATA FORMULA [options])"
                : "missing argument FORMULA (usage: mixed fit DATA FORMULA [options])");
        if (parsed.Positionals.Count > 2)
            throw new CommandLineException($"unexpected argument '{parsed.Positionals[2]}' (quote the formula as one argument)");
        if (parsed.Has("--ml") && parsed.Has("--reml"))
            throw new CommandLineException("options '--ml' and '--reml' cannot be used together");
        var options = new FitOptions
        {
            Data = parsed.Positionals[0],
            Formula = parsed.Positionals[1],
            Method = parsed.Has("--ml") ? EstimationMethod.MaximumLikelihood : EstimationMethod.Reml,
            Contrasts = ParseContrasts(parsed.Value("--contrasts")),
            WeightsColumn = parsed.Value("--weights"),
            Format = ParseFormat(parsed.Value("--format")),
            RanefCsv = parsed.Value("--ranef-csv"),
            CoefCsv = parsed.Value("--coef-csv"),
            FittedCsv = parsed.Value("--fitted-csv"),
            PredictData = parsed.Value("--predict"),
            PredictCsv = parsed.Value("--predict-csv"),
            PredictWithoutRandom = parsed.Has("--no-random"),
        };
        if (options.PredictData is not null && options.PredictCsv is null)
            throw new CommandLineException("option '--predict' needs '--predict-csv FILE'");
        if (options.PredictCsv is not null && options.PredictData is null)
            throw new CommandLineException("option '--predict-csv' needs '--predict NEWDATA'");
        if (options.PredictWithoutRandom && options.PredictData is null)
            throw new CommandLineException("option '--no-random' needs '--predict NEWDATA'");
        return options;
    }

    private static ContrastCoding ParseContrasts(string? value) => value?.ToLowerInvariant() switch
    {
        null or "treatment" => ContrastCoding.Treatment,
        "sum" => ContrastCoding.Sum,
        "helmert" => ContrastCoding.Helmert,
        _ => throw new CommandLineException($"unknown contrasts '{value}' (expected treatment, sum or helmert)"),
    };

    private static OutputFormat ParseFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "text" => OutputFormat.Text,
        "json" => OutputFormat.Json,
        _ => throw new CommandLineException($"unknown format '{value}' (expected text or json)"),
    };
}
