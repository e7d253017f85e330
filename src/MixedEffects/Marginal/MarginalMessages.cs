using System.Globalization;

namespace MixedEffects.Marginal;

/// <summary>emmeans' annotation lines under its tables.</summary>
internal static class MarginalMessages
{
    /// <summary>The lines for a table, in emmeans' order.</summary>
    public static IReadOnlyList<string> Build(MarginalModelInfo model, IReadOnlyList<string> averagedOver,
        string? linkScaleName, double level, string? confidenceAdjustment, string? pValueAdjustment, bool backTransformed)
    {
        var lines = new List<string>();
        if (averagedOver.Count > 0) lines.Add("Results are averaged over the levels of: " + string.Join(", ", averagedOver));
        if (linkScaleName is not null && !backTransformed)
            lines.Add($"Results are given on the {linkScaleName} (not the response) scale.");
        if (model.ReportsDegreesOfFreedomMethod) lines.Add("Degrees-of-freedom method: " + model.DegreesOfFreedomLabel);
        lines.Add("Confidence level used: " + Number(level));
        if (confidenceAdjustment is not null) lines.Add(confidenceAdjustment);
        if (backTransformed) lines.Add($"Intervals are back-transformed from the {linkScaleName} scale");
        if (pValueAdjustment is not null) lines.Add(pValueAdjustment);
        if (backTransformed) lines.Add($"Tests are performed on the {linkScaleName} scale");
        return lines;
    }

    /// <summary>A number as R prints it (up to 15 significant digits).</summary>
    public static string Number(double x) => x.ToString("G15", CultureInfo.InvariantCulture);
}
