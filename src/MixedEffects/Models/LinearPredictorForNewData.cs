using MixedEffects.Data;
using MixedEffects.Design;

namespace MixedEffects.Models;

/// <summary>
/// The linear predictor offset + X beta (+ Z b) of a fitted mixed model for new data, shared by linear models
/// (where it is the prediction) and generalized models (which apply the inverse link after).
/// </summary>
internal static class LinearPredictorForNewData
{
    /// <summary>
    /// Builds the new data's model matrices with the fitted model's factor levels and contrasts. With
    /// <paramref name="includeRandom"/>, a group level not seen in fitting contributes nothing; NaN where a variable is missing.
    /// </summary>
    public static double[] Compute(MixedModelDesign design, double[] beta, RandomEffectsSummary effects, Dataset newData,
        bool includeRandom)
    {
        var spec = design.Frame.Specification;
        var frame = ModelFrame.BuildForPrediction(spec, newData, design.Frame);
        int n = frame.RowCount;
        var full = ModelMatrixBuilder.Build(spec.Fixed, frame, design.Contrasts);
        IReadOnlyList<string> names = design.X.Matrix.ColumnNames;
        var pred = (double[])frame.Offset.Clone();
        for (int j = 0; j < names.Count; j++)
        {
            int col = Array.IndexOf(full.ColumnNames, names[j]);
            for (int r = 0; r < n; r++) pred[r] += full.Columns[col][r] * beta[j];
        }
        if (!includeRandom) return pred;

        var terms = effects.Terms;
        // the specification's random terms in the model's order: match by group name and column names
        var specTerms = spec.Random.ToList();
        for (int i = 0; i < terms.Count; i++)
        {
            var t = terms[i];
            var rs = specTerms.First(r => r.GroupName == t.GroupName &&
                ModelMatrixBuilder.Build(r.Effects, frame, design.Contrasts).ColumnNames.SequenceEqual(t.ColumnNames));
            specTerms.Remove(rs);
            var z = ModelMatrixBuilder.Build(rs.Effects, frame, design.Contrasts);
            var codes = GroupCodes(rs, frame, t);
            int s = t.ColumnCount;
            var b = effects.RandomEffects[i];
            for (int r = 0; r < n; r++)
            {
                if (codes[r] < 0) continue;
                for (int c = 0; c < s; c++) pred[r] += z.Columns[c][r] * b[codes[r] * s + c];
            }
        }
        return pred;
    }

    private static int[] GroupCodes(Formulas.RandomEffectsSpec spec, ModelFrame frame, RandomEffectsTerm term)
    {
        var labels = new string?[frame.RowCount];
        for (int r = 0; r < frame.RowCount; r++)
        {
            var parts = new List<string>();
            foreach (var g in spec.Grouping)
            {
                string? part = frame[g] switch
                {
                    FactorValues f => f.Codes[r] < 0 ? null : f.Levels[f.Codes[r]],
                    NumericValues v => double.IsNaN(v.Values[r]) ? null : Formulas.RNumberFormat.Format(v.Values[r]),
                    _ => null,
                };
                if (part is null) { parts = null; break; }
                parts.Add(part);
            }
            labels[r] = parts is null ? null : string.Join(":", parts);
        }
        var index = term.Levels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        return labels.Select(l => l is not null && index.TryGetValue(l, out int k) ? k : -1).ToArray();
    }
}
