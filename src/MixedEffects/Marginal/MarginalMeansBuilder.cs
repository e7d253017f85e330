namespace MixedEffects.Marginal;

/// <summary>
/// Averages reference-grid rows into marginal means: for each combination of the target variables' values
/// (first fastest), the weighted mean of the X rows of the grid cells with those values.
/// </summary>
internal static class MarginalMeansBuilder
{
    /// <param name="model">The model.</param>
    /// <param name="primary">The primary variables.</param>
    /// <param name="by">The by-variables.</param>
    /// <param name="weights">How to average over the other factors.</param>
    /// <param name="at">Covariate values.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="scale">Link or response scale.</param>
    /// <param name="trend">For emtrends: the covariate whose slope is averaged instead of the linear predictor.</param>
    public static EstimatedMarginalMeans Build(MarginalModelInfo model, IReadOnlyList<string> primary, IReadOnlyList<string> by,
        MarginalWeighting weights, IReadOnlyDictionary<string, double[]>? at, double level, MarginalScale scale, string? trend = null)
    {
        if (!(level > 0 && level < 1)) throw new ModelSpecificationException($"confidence level {level} is not between 0 and 1");
        var grid = ReferenceGrid.Build(model, at);
        if (trend is not null) grid = grid.Trend(model, at, trend);
        var targets = primary.Concat(by).ToArray();
        var duplicate = targets.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ModelSpecificationException($"variable '{duplicate.Key}' is named twice in specs and by");
        var index = targets.Select(name =>
        {
            int k = grid.IndexOf(name);
            if (k < 0)
                throw new ModelSpecificationException(
                    $"'{name}' is not a variable of the model's fixed effects (variables: {string.Join(", ", grid.Variables.Select(v => v.Name))})");
            return k;
        }).ToArray();
        var names = index.Select(k => grid.Variables[k].Name).ToArray();
        var others = Enumerable.Range(0, grid.Variables.Count).Except(index).ToArray();

        int resultCount = index.Aggregate(1, (acc, k) => acc * grid.Variables[k].Count);
        var members = Enumerable.Range(0, resultCount).Select(_ => new List<int>()).ToArray();
        var coordinates = new int[grid.CellCount][];
        for (int cell = 0; cell < grid.CellCount; cell++)
        {
            coordinates[cell] = grid.Coordinates(cell);
            members[ResultIndex(grid, index, coordinates[cell])].Add(cell);
        }
        var otherCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (weights == MarginalWeighting.Proportional)
            for (int cell = 0; cell < grid.CellCount; cell++)
            {
                string key = OtherKey(coordinates[cell], others);
                otherCounts[key] = otherCounts.GetValueOrDefault(key) + grid.Counts[cell];
            }

        var functions = new double[]?[resultCount];
        var levels = new string[resultCount][];
        for (int r = 0; r < resultCount; r++)
        {
            var cells = members[r];
            var w = cells.Select(c => weights switch
            {
                MarginalWeighting.Equal => 1.0,
                MarginalWeighting.Cells => grid.Counts[c],
                _ => otherCounts[OtherKey(coordinates[c], others)],
            }).ToArray();
            double total = w.Sum();
            var first = coordinates[cells[0]];
            levels[r] = index.Select(k => grid.Variables[k].Levels[first[k]]).ToArray();
            if (total <= 0 || cells.Where((c, i) => w[i] != 0).Any(c => !grid.Estimable[c]))
            {
                functions[r] = null;
                continue;
            }
            var full = new double[grid.Rows[0].Length];
            for (int i = 0; i < cells.Count; i++)
            {
                if (w[i] == 0) continue;
                var row = grid.Rows[cells[i]];
                for (int j = 0; j < full.Length; j++) full[j] += w[i] / total * row[j];
            }
            functions[r] = model.Kept(full);
        }
        if (targets.Length == 0)
        {
            names = ["1"];
            levels = [["overall"]];
        }
        var averaged = others.Where(k => grid.Variables[k].IsFactor).Select(k => grid.Variables[k].Name).ToArray();
        var notes = trend is null && InvolvedInInteractions(model, grid, index) ? new[] { "NOTE: Results may be misleading due to involvement in interactions" } : [];
        return new EstimatedMarginalMeans(model, targets.Length == 0 ? names : names.Take(primary.Count).ToArray(),
            names.Skip(targets.Length == 0 ? 1 : primary.Count).ToArray(), functions, levels, averaged, notes, level, scale,
            trend is null ? null : trend + ".trend");
    }

    private static int ResultIndex(ReferenceGrid grid, int[] index, int[] coordinates)
    {
        int r = 0, mult = 1;
        foreach (int k in index)
        {
            r += coordinates[k] * mult;
            mult *= grid.Variables[k].Count;
        }
        return r;
    }

    private static string OtherKey(int[] coordinates, int[] others) => string.Join(",", others.Select(k => coordinates[k]));

    /// <summary>emmeans' note: some model term contains both a target variable and a variable averaged over or fixed.</summary>
    private static bool InvolvedInInteractions(MarginalModelInfo model, ReferenceGrid grid, int[] index)
    {
        var targetNames = new HashSet<string>(index.Select(k => grid.Variables[k].Variable.Name), StringComparer.Ordinal);
        if (targetNames.Count == 0) return false;
        return model.Specification.Fixed.Terms.Any(t =>
            t.Variables.Any(v => targetNames.Contains(v.Name)) && t.Variables.Any(v => !targetNames.Contains(v.Name)));
    }
}
