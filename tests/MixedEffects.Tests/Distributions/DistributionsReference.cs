using System.Globalization;
using System.Text.Json;

namespace MixedEffects.Tests.Distributions;

/// <summary>
/// Reads distributions_reference.json, written by distributions_reference.R (R's ptukey, qtukey,
/// pt, pf, pchisq, pnorm, qt, qnorm, qf, qchisq, p.adjust and emmeans on small lm fits).
/// Non-finite numbers are stored as the strings "Infinity", "-Infinity" and "NaN".
/// </summary>
internal static class DistributionsReference
{
    private const string FileName = "distributions_reference.json";

    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Rows(string name) => Root.GetProperty(name).EnumerateArray();

    public static double Number(this JsonElement row, string property) => ToDouble(row.GetProperty(property));

    public static double[] Numbers(this JsonElement row, string property) =>
        row.GetProperty(property).EnumerateArray().Select(ToDouble).ToArray();

    public static double ToDouble(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble();

    private static JsonDocument Load()
    {
        string? path = Path.Combine(AppContext.BaseDirectory, "Distributions", FileName);
        if (!File.Exists(path)) path = FindInSourceTree();
        return JsonDocument.Parse(File.ReadAllText(path ?? throw new FileNotFoundException("reference file not found", FileName)));
    }

    private static string? FindInSourceTree()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "MixedEffects.Tests", "Distributions", FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
