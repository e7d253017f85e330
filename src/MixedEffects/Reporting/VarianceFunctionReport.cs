using System.Text.Json.Serialization;
using MixedEffects.Variance;

namespace MixedEffects.Reporting;

/// <summary>
/// The JSON <c>variance</c> object of a fit with a residual variance structure: for varIdent the residual standard
/// deviation (<c>sd</c>) and the ratio to the reference stratum (<c>ratios</c>) per stratum; for varExp and varPower
/// the <c>parameter</c> (t or d). The report's <c>sigma</c> is the reference stratum's standard deviation.
/// </summary>
public sealed record VarianceFunctionReport
{
    /// <summary>nlme's class name: <c>varIdent</c>, <c>varExp</c> or <c>varPower</c>.</summary>
    [JsonPropertyName("structure")] public string Structure { get; init; } = "";

    /// <summary>The formula as nlme prints it, e.g. <c>~1 | session</c>.</summary>
    [JsonPropertyName("form")] public string Form { get; init; } = "";

    /// <summary>varIdent: residual standard deviation per stratum, the reference first; absent otherwise.</summary>
    [JsonPropertyName("sd")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Sd { get; init; }

    /// <summary>varIdent: ratio of each stratum's standard deviation to the reference stratum's; absent otherwise.</summary>
    [JsonPropertyName("ratios")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? Ratios { get; init; }

    /// <summary>varExp's t or varPower's d; absent for varIdent.</summary>
    [JsonPropertyName("parameter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Parameter { get; init; }

    /// <summary>The report of a fitted variance function.</summary>
    public static VarianceFunctionReport From(FittedVarianceFunction fitted)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        if (fitted.Function is not VarIdent)
            return new VarianceFunctionReport { Structure = fitted.Structure, Form = fitted.Form, Parameter = fitted.Parameters[0] };
        var sd = fitted.StratumStandardDeviations;
        var ratios = fitted.StratumRatios;
        return new VarianceFunctionReport
        {
            Structure = fitted.Structure,
            Form = fitted.Form,
            Sd = Map(fitted.Strata, sd),
            Ratios = Map(fitted.Strata, ratios),
        };
    }

    private static Dictionary<string, double> Map(IReadOnlyList<string> names, double[] values)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) map[names[i]] = values[i];
        return map;
    }
}
