namespace MixedEffects.Cli;

/// <summary>How a command prints its main result.</summary>
internal enum OutputFormat
{
    /// <summary>lme4-style text.</summary>
    Text,

    /// <summary>One JSON object.</summary>
    Json,
}
