using System.Text.Json.Nodes;
using Xunit;

namespace MixedEffects.Tests.Sql;

/// <summary>
/// Compares the JSON report of a SQL fit with the in-memory fit's: the same keys everywhere, the same text and
/// flags, numbers to a relative tolerance; the in-memory report's optimizer record (start, end, final gradient) has
/// no counterpart in a SQL fit, whose "optimizer" is null.
/// </summary>
internal static class SqlJsonComparison
{
    public static void AssertSame(string expectedJson, string actualJson, double tolerance)
    {
        var expected = JsonNode.Parse(expectedJson)!.AsObject();
        var actual = JsonNode.Parse(actualJson)!.AsObject();
        Assert.NotNull(expected["optimizer"]);
        Assert.True(actual.ContainsKey("optimizer") ? actual["optimizer"] is null : true);
        expected.Remove("optimizer");
        actual.Remove("optimizer");
        Same(expected, actual, "$", tolerance);
    }

    private static void Same(JsonNode? expected, JsonNode? actual, string path, double tolerance)
    {
        switch (expected)
        {
            case null:
                Assert.True(actual is null, $"{path}: expected null, got {actual?.ToJsonString()}");
                break;
            case JsonObject e:
                var a = Assert.IsType<JsonObject>(actual);
                Assert.Equal(e.Select(p => p.Key).Order(StringComparer.Ordinal), a.Select(p => p.Key).Order(StringComparer.Ordinal));
                foreach (var (key, value) in e) Same(value, a[key], $"{path}.{key}", tolerance);
                break;
            case JsonArray e:
                var array = Assert.IsType<JsonArray>(actual);
                Assert.Equal(e.Count, array.Count);
                for (int i = 0; i < e.Count; i++) Same(e[i], array[i], $"{path}[{i}]", tolerance);
                break;
            case JsonValue e when e.TryGetValue(out double x):
                double y = actual!.GetValue<double>();
                Assert.True(Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Abs(x)), $"{path}: expected {x:R}, got {y:R}");
                break;
            default:
                Assert.Equal(expected.ToJsonString(), actual?.ToJsonString());
                break;
        }
    }
}
