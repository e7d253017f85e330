using MixedEffects.Data;
using MixedEffects.Reporting;

namespace MixedEffects.Cli;

/// <summary>
/// The flow <c>mixed fit</c> shares between model kinds: a derived runner fits the model and computes its sections,
/// writes the CSV files, then hands the sections to <see cref="WriteReport"/> for the text or JSON report.
/// </summary>
internal abstract class FitRunner
{
    /// <summary>Creates the runner for parsed options and loaded data.</summary>
    protected FitRunner(FitOptions options, Dataset data)
    {
        Options = options;
        Data = data;
    }

    /// <summary>The parsed command-line options.</summary>
    protected FitOptions Options { get; }

    /// <summary>The loaded data.</summary>
    protected Dataset Data { get; }

    /// <summary>Fits the model and writes the report to <paramref name="stdout"/>.</summary>
    public abstract void Run(TextWriter stdout);

    /// <summary>
    /// Writes one JSON object (the model's report with the means and checks filled in) or, as text, the model's own
    /// sections followed by the marginal means and the checks.
    /// </summary>
    /// <param name="means">The marginal means, or null when not requested.</param>
    /// <param name="checks">The likelihood-ratio test and intervals.</param>
    /// <param name="buildJson">Builds the model's JSON report (called for <c>--format json</c> only).</param>
    /// <param name="writeModelText">Writes the model's summary and sections of its own (called for text only).</param>
    /// <param name="stdout">Where the report goes.</param>
    protected void WriteReport(MarginalMeansSection? means, ModelChecks checks, Func<LinearMixedModelReport> buildJson,
        Action<TextWriter> writeModelText, TextWriter stdout)
    {
        if (Options.Format == OutputFormat.Json)
        {
            var report = buildJson() with { Emmeans = means?.ToReport() };
            stdout.Write(JsonReport.Serialize(ModelChecksReport.AddTo(report, checks)) + "\n");
            return;
        }
        writeModelText(stdout);
        means?.WriteText(stdout);
        ModelChecksReport.WriteText(checks, Options, stdout);
    }
}
