using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>
/// The JSON serializer of <see cref="LinearMixedModelReport"/>, generated at compile time from the report records
/// (their <c>JsonPropertyName</c> and <c>JsonIgnore</c> attributes): no run-time reflection, trimming- and
/// AOT-safe. Indented; text escaped only where JSON requires it.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(LinearMixedModelReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
    /// <summary>The context with the report's options (indented, relaxed escaping).</summary>
    public static ReportJsonContext Report { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
