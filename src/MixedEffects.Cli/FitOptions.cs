using MixedEffects.Design;
using MixedEffects.Models;

namespace MixedEffects.Cli;

/// <summary>The options of <c>mixed fit</c>, parsed from the command line.</summary>
internal sealed record FitOptions
{
    /// <summary>A CSV/TSV path or built-in dataset name.</summary>
    public required string Data { get; init; }

    /// <summary>The model formula.</summary>
    public required string Formula { get; init; }

    /// <summary>REML (default) or ML.</summary>
    public EstimationMethod Method { get; init; } = EstimationMethod.Reml;

    /// <summary>Factor coding.</summary>
    public ContrastCoding Contrasts { get; init; } = ContrastCoding.Treatment;

    /// <summary>Column of prior weights, or null.</summary>
    public string? WeightsColumn { get; init; }

    /// <summary>Text or JSON report.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>File for the conditional modes, or null.</summary>
    public string? RanefCsv { get; init; }

    /// <summary>File for the per-group coefficients, or null.</summary>
    public string? CoefCsv { get; init; }

    /// <summary>File for fitted values and residuals, or null.</summary>
    public string? FittedCsv { get; init; }

    /// <summary>New data to predict for (path or dataset name), or null.</summary>
    public string? PredictData { get; init; }

    /// <summary>File for the predictions, or null.</summary>
    public string? PredictCsv { get; init; }

    /// <summary>Predict without random effects (population level).</summary>
    public bool PredictWithoutRandom { get; init; }

    /// <summary>The library options these command-line options stand for.</summary>
    public LinearMixedModelOptions ToModelOptions() => new()
    {
        Method = Method,
        Contrasts = Contrasts,
        WeightsColumn = WeightsColumn,
    };
}
