using MixedEffects.Data;
using MixedEffects.Design;
using MixedEffects.Formulas;

namespace MixedEffects.Inference;

/// <summary>One ordinary least-squares fit per level of a grouping factor, as lme4's <c>lmList(y ~ x | g, data)</c>.</summary>
public static class PerGroupLeastSquares
{
    /// <summary>
    /// Fits <paramref name="formula"/> (no random-effects terms) separately to the rows of each level of
    /// <paramref name="group"/>. Rows missing any variable of the formula or the group are dropped first.
    /// </summary>
    /// <exception cref="MixedEffectsException">For a bad formula, an unknown column or random-effects terms in the formula.</exception>
    public static PerGroupLeastSquaresFit Fit(string formula, Dataset data, string group, ContrastCoding contrasts = ContrastCoding.Treatment)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(group);
        var spec = ModelSpecification.FromFormula(formula);
        if (spec.Random.Count > 0)
            throw new ModelSpecificationException(
                $"per-group least squares takes no random-effects terms in the formula; give the group separately, not '| {spec.Random[0].GroupName}'");
        if (spec.Response is null)
            throw new ModelSpecificationException("the formula has no response: write it as 'response ~ terms'");
        var withGroup = ModelSpecification.FromFormula($"{formula} + (1 | {group})");
        var frame = ModelFrame.Build(withGroup, data);
        if (frame[withGroup.Random[0].Grouping[0]] is not FactorValues factor || withGroup.Random[0].Grouping.Count != 1)
            throw new ModelSpecificationException($"group '{group}' must be a single column");
        var complete = data.SelectRows(frame.Rows);
        var columns = FixedEffectsMatrix.Build(ModelFrame.Build(spec, complete), contrasts).FullMatrix.ColumnNames;
        var levels = factor.Levels;
        var values = new double[levels.Count, columns.Length];
        var fits = new LeastSquaresFit?[levels.Count];
        for (int g = 0; g < levels.Count; g++)
        {
            var rows = Enumerable.Range(0, factor.Codes.Length).Where(i => factor.Codes[i] == g).ToArray();
            for (int j = 0; j < columns.Length; j++) values[g, j] = double.NaN;
            if (rows.Length == 0) continue;
            try
            {
                var fit = OrdinaryLeastSquares.Fit(formula, ModelFrame.Build(spec, complete.SelectRows(rows)), contrasts);
                fits[g] = fit;
                foreach (var c in fit.Coefficients)
                {
                    int j = Array.IndexOf(columns, c.Term);
                    if (j >= 0) values[g, j] = c.Estimate;
                }
            }
            catch (MixedEffectsException)
            {
                // a group with too few observations gets NA coefficients, as lmList does
            }
        }
        return new PerGroupLeastSquaresFit(formula, group, columns, levels, values, fits);
    }
}
