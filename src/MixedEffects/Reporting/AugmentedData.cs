using System.Globalization;
using MixedEffects.Design;
using MixedEffects.Models;

namespace MixedEffects.Reporting;

/// <summary>
/// The model's rows with their original columns plus <c>fitted</c>, <c>residual</c> and, for each random-effects
/// term, the conditional mode of the row's group (columns named <c>Group.term</c>, e.g. <c>Subject.(Intercept)</c>)
/// — pymer4's augmented <c>.data</c>.
/// </summary>
public static class AugmentedData
{
    /// <summary>The header and the rows (text cells; null for a missing value) of a linear mixed model's augmented data.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows) Build(LinearMixedModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var frame = fit.Design.Frame;
        var fitted = fit.Fitted();
        var residuals = fit.Residuals();
        var tables = fit.RandomEffects();
        var header = frame.Data.ColumnNames.Concat(["fitted", "residual"])
            .Concat(tables.SelectMany(t => t.Columns.Select(c => $"{t.Group}.{c}"))).ToList();
        var levelOfRow = tables.Select(t => GroupLabels(frame, t.Group)).ToArray();
        var levelIndex = tables.Select(t => t.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal)).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        for (int i = 0; i < frame.RowCount; i++)
        {
            int dataRow = frame.Rows[i];
            var row = new List<object?>();
            foreach (var column in frame.Data.Columns)
                row.Add(column is Data.NumericColumn n ? (double.IsNaN(n[dataRow]) ? null : n[dataRow]) : column.FormatValue(dataRow));
            row.Add(fitted[i]);
            row.Add(residuals[i]);
            for (int t = 0; t < tables.Count; t++)
            {
                bool known = levelIndex[t].TryGetValue(levelOfRow[t][i], out int g);
                for (int c = 0; c < tables[t].Columns.Count; c++) row.Add(known ? tables[t].Values[g, c] : null);
            }
            rows.Add(row);
        }
        return (header, rows);
    }

    // each kept row's level label of the grouping factor (an interaction a:b joins its labels with ':')
    private static string[] GroupLabels(ModelFrame frame, string group)
    {
        var spec = frame.Specification.Random.First(r => r.GroupName == group);
        var parts = spec.Grouping.Select(g => frame[g]).ToArray();
        return Enumerable.Range(0, frame.RowCount).Select(i => string.Join(":", parts.Select(p => p switch
        {
            FactorValues f => f.Levels[f.Codes[i]],
            NumericValues v => Formulas.RNumberFormat.Format(v.Values[i]),
            _ => "",
        }))).ToArray();
    }
}
