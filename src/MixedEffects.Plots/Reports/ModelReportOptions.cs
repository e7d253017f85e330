namespace MixedEffects.Plots.Reports;

/// <summary>What a model report contains beyond its fixed sections.</summary>
public sealed record ModelReportOptions
{
    /// <summary>How the data are named in the summary (a file or dataset name). Default "data".</summary>
    public string DataName { get; init; } = "data";

    /// <summary>The prior weights column the model was fitted with, for the summary, or null.</summary>
    public string? WeightsColumn { get; init; }

    /// <summary>Confidence level of the intervals. Default 0.95.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>emmeans' specification of marginal means to add (e.g. <c>task * stimulus</c>), or null for none.</summary>
    public string? EmmeansSpecs { get; init; }

    /// <summary>Add likelihood profile plots (linear models; each parameter is profiled, which takes a while).</summary>
    public bool Profiles { get; init; }

    /// <summary>Told the name of each long step before it runs (profiles), or null.</summary>
    public IProgress<string>? Progress { get; init; }
}
