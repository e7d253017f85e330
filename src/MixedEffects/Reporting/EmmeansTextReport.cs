using System.Globalization;
using System.Text;
using MixedEffects.Marginal;

namespace MixedEffects.Reporting;

/// <summary>
/// Plain-text tables of marginal means and contrasts laid out like emmeans' printed summaries: one column per
/// grid variable, then the estimate, SE, df, confidence limits (and t ratio and p value for contrasts), each
/// by-group under a "by = level" heading, followed by emmeans' annotation lines.
/// </summary>
public static class EmmeansTextReport
{
    /// <summary>The table of marginal means.</summary>
    /// <param name="means">The marginal means.</param>
    public static string Format(EstimatedMarginalMeans means)
    {
        ArgumentNullException.ThrowIfNull(means);
        var sb = new StringBuilder();
        var primary = means.PrimaryVariables;
        var groups = means.Rows.GroupBy(r => string.Join(", ", means.ByVariables.Select(b => $"{b} = {r.Levels[b]}")));
        foreach (var group in groups)
        {
            if (means.ByVariables.Count > 0) sb.Append(group.Key).Append(":\n");
            var rows = group.ToArray();
            var columns = primary.Select(v => Text(v, rows.Select(r => r.Levels[v]), left: true)).ToList();
            columns.Add(Numbers(means.EstimateName, rows.Select(r => r.Estimate)));
            columns.Add(Numbers("SE", rows.Select(r => r.StandardError)));
            columns.Add(Df(rows.Select(r => r.DegreesOfFreedom)));
            var (lowerName, upperName) = LimitNames(rows.Select(r => r.DegreesOfFreedom));
            columns.Add(Numbers(lowerName, rows.Select(r => r.Lower)));
            columns.Add(Numbers(upperName, rows.Select(r => r.Upper)));
            Append(sb, columns, rows.Length);
            sb.Append('\n');
        }
        foreach (var m in means.Messages) sb.Append(m).Append('\n');
        return sb.ToString();
    }

    /// <summary>The table of contrasts as emmeans prints it: estimate, SE, df and the test (no confidence limits).</summary>
    /// <param name="contrasts">The contrasts.</param>
    public static string Format(MarginalContrasts contrasts)
    {
        ArgumentNullException.ThrowIfNull(contrasts);
        var sb = new StringBuilder();
        var groups = contrasts.Rows.GroupBy(r => string.Join(", ", r.ByLevels.Select(b => $"{b.Key} = {b.Value}")));
        foreach (var group in groups)
        {
            if (group.Key.Length > 0) sb.Append(group.Key).Append(":\n");
            var rows = group.ToArray();
            var columns = new List<string[]>
            {
                Text("contrast", rows.Select(r => r.Name), left: true),
                Numbers(contrasts.EstimateName, rows.Select(r => r.Estimate)),
                Numbers("SE", rows.Select(r => r.StandardError)),
                Df(rows.Select(r => r.DegreesOfFreedom)),
            };
            if (rows.Any(r => r.NullValue is not null)) columns.Add(Numbers("null", rows.Select(r => r.NullValue ?? double.NaN)));
            bool z = rows.All(r => double.IsPositiveInfinity(r.DegreesOfFreedom));
            columns.Add(Statistic(z ? "z.ratio" : "t.ratio", rows.Select(r => r.Statistic)));
            columns.Add(Text("p.value", rows.Select(r => PValue(r.PValue)), left: false));
            Append(sb, columns, rows.Length);
            sb.Append('\n');
        }
        // emmeans prints contrasts with tests only (infer = c(FALSE, TRUE)); the limits are in the CSV and JSON outputs
        foreach (var m in contrasts.Messages.Where(m => !m.StartsWith("Conf-level adjustment", StringComparison.Ordinal)
            && !m.StartsWith("Confidence level used", StringComparison.Ordinal))) sb.Append(m).Append('\n');
        return sb.ToString();
    }

    /// <summary>emmeans' headers of the confidence limits: asymp.LCL/asymp.UCL when every df is infinite (z), else lower.CL/upper.CL.</summary>
    private static (string Lower, string Upper) LimitNames(IEnumerable<double> df) =>
        df.All(double.IsPositiveInfinity) ? ("asymp.LCL", "asymp.UCL") : ("lower.CL", "upper.CL");

    private static void Append(StringBuilder sb, List<string[]> columns, int rows)
    {
        for (int i = 0; i <= rows; i++)
            sb.Append(' ').Append(string.Join(" ", columns.Select(c => c[i]))).Append('\n');
    }

    private static string[] Text(string header, IEnumerable<string> values, bool left)
    {
        var cells = new[] { header }.Concat(values).ToArray();
        int width = cells.Max(c => c.Length);
        return cells.Select(c => left ? c.PadRight(width) : c.PadLeft(width)).ToArray();
    }

    /// <summary>
    /// A numeric column as emmeans prints it: R's <c>format(x, digits = 3)</c> over the column (3 significant digits
    /// for its smallest value, trailing zeros dropped), nonEst for a non-estimable row.
    /// </summary>
    private static string[] Numbers(string header, IEnumerable<double> values)
    {
        var v = values.ToArray();
        var formatted = RNumberFormatter.Format(v.Select(x => double.IsNaN(x) ? 0 : x).ToArray(), 3);
        return Text(header, v.Select((x, i) => double.IsNaN(x) ? "nonEst" : formatted[i].Trim()), left: false);
    }

    /// <summary>The test statistic: emmeans rounds it to 3 decimals.</summary>
    private static string[] Statistic(string header, IEnumerable<double> values) =>
        Text(header, values.Select(x => double.IsNaN(x) ? "NA" : x.ToString("F3", CultureInfo.InvariantCulture)), left: false);

    private static string[] Df(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.All(double.IsPositiveInfinity)) return Text("df", v.Select(_ => "Inf"), left: false);
        return Numbers("df", v);
    }

    private static string PValue(double p) =>
        double.IsNaN(p) ? "NA" : p < 0.0001 ? "<.0001" : p.ToString("F4", CultureInfo.InvariantCulture);
}
