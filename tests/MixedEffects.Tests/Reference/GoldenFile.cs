using System.Text.Json;

namespace MixedEffects.Tests.Reference;

/// <summary>Reads the golden JSON files written by tests/reference/generate.R (numbers computed by R).</summary>
public static class GoldenFile
{
    private static readonly Lazy<Dictionary<string, JsonDocument>> Cache = new(() => new Dictionary<string, JsonDocument>());

    /// <summary>The parsed file tests/reference/NAME.json (copied next to the test assembly).</summary>
    public static JsonElement Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.Value.TryGetValue(name, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "reference", name + ".json");
                doc = JsonDocument.Parse(File.ReadAllText(path));
                Cache.Value[name] = doc;
            }
            return doc.RootElement;
        }
    }

    /// <summary>The case with the given id from a file whose root has a "cases" array.</summary>
    public static JsonElement Case(string file, string id) =>
        Load(file).GetProperty("cases").EnumerateArray().First(c => c.GetProperty("id").GetString() == id);

    /// <summary>All case ids of a file, for xunit theories.</summary>
    public static IEnumerable<object[]> CaseIds(string file) =>
        Load(file).GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("id").GetString()! });

    /// <summary>A JSON number, or NaN for null; "Inf" strings as infinity.</summary>
    public static double Number(this JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String when e.GetString() == "Inf" => double.PositiveInfinity,
        JsonValueKind.String when e.GetString() == "-Inf" => double.NegativeInfinity,
        _ => double.NaN,
    };

    /// <summary>A JSON array of numbers.</summary>
    public static double[] Numbers(this JsonElement e) => e.EnumerateArray().Select(Number).ToArray();

    /// <summary>A JSON array of strings (null entries as null).</summary>
    public static string?[] Strings(this JsonElement e) => e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? null : x.GetString()).ToArray();

    /// <summary>A string property, or null when absent or null.</summary>
    public static string? OptionalString(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
