using System.Text.Json.Serialization;

namespace MixedEffects.Reporting;

/// <summary>
/// The JSON serializer of <see cref="LinearMixedModelReport"/> (and of the least-squares reports), generated at compile time from the report records
/// (their <c>JsonPropertyName</c> and <c>JsonIgnore</c> attributes) as straight-line writing code: no run-time
/// reflection or metadata, trimming- and AOT-safe. The writer it is given sets indentation and escaping.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(LinearMixedModelReport))]
[JsonSerializable(typeof(LeastSquaresReport))]
[JsonSerializable(typeof(PerGroupLeastSquaresReport))]
[JsonSerializable(typeof(GeneralizedLeastSquaresReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
