using MixedEffects.Formulas;

namespace MixedEffects.Design;

/// <summary>
/// Builds the random-effects terms of a model frame, checks them as lme4 does, and orders them by
/// decreasing number of levels (lme4's rule: reorder only when some later term has more levels,
/// then use the reverse of the ascending order).
/// </summary>
internal static class RandomEffectsTermBuilder
{
    /// <param name="frame">The model frame.</param>
    /// <param name="coding">Contrast coding of factors.</param>
    /// <param name="requireFewerLevelsThanObservations">
    /// lmer's checks that every grouping factor has fewer levels, and every term fewer random effects, than there are
    /// observations; glmer skips them (false), as observation-level random effects are identifiable there.
    /// </param>
    /// <param name="allowNone">Whether a formula without random-effects terms is accepted (generalized least squares).</param>
    public static IReadOnlyList<RandomEffectsTerm> Build(ModelFrame frame, ContrastCoding coding, bool requireFewerLevelsThanObservations = true,
        bool allowNone = false)
    {
        var specs = frame.Specification.Random;
        if (specs.Count == 0 && !allowNone)
            throw new ModelSpecificationException("no random-effects terms in the formula: add one such as (1 | group)");
        var terms = specs.Select(spec => BuildOne(spec, frame, coding)).ToList();

        int n = frame.RowCount;
        foreach (var t in terms)
        {
            if (t.LevelCount < 2)
                throw new ModelSpecificationException(
                    $"grouping factor '{t.GroupName}' has {t.LevelCount} level; a random effect needs at least 2 levels");
            if (!requireFewerLevelsThanObservations) continue;
            if (t.LevelCount >= n)
                throw new ModelSpecificationException(
                    $"grouping factor '{t.GroupName}' has {t.LevelCount} levels for {n} observations; the number of levels must be less than the number of observations");
            if (t.RandomEffectCount >= n)
                throw new ModelSpecificationException(
                    $"term ({t.TermText}) has {t.RandomEffectCount} random effects for {n} observations; the random-effects parameters and the residual variance are unidentifiable");
        }

        var counts = terms.Select(t => t.LevelCount).ToArray();
        bool increases = counts.Zip(counts.Skip(1)).Any(p => p.Second > p.First);
        if (!increases) return terms;
        var ascending = Enumerable.Range(0, terms.Count).OrderBy(i => counts[i]).ToArray();
        return ascending.Reverse().Select(i => terms[i]).ToArray();
    }

    private static RandomEffectsTerm BuildOne(RandomEffectsSpec spec, ModelFrame frame, ContrastCoding coding)
    {
        var matrix = ModelMatrixBuilder.Build(spec.Effects, frame, coding);
        if (matrix.ColumnCount == 0)
            throw new ModelSpecificationException($"random-effects term for '{spec.GroupName}' has no columns");
        var group = GroupingFactor(spec.Grouping, frame);
        string lhs = spec.Effects.HasIntercept
            ? string.Join(" + ", spec.Effects.Terms.Select(t => t.Label).DefaultIfEmpty("1"))
            : string.Join(" + ", new[] { "0" }.Concat(spec.Effects.Terms.Select(t => t.Label)));
        return new RandomEffectsTerm(spec.GroupName, group.Levels, group.Codes, matrix.ColumnNames, RowMajor(matrix),
            $"{lhs} | {spec.GroupName}");
    }

    /// <summary>
    /// The fitted model's terms, in their order, on new data (a prediction frame): each term keeps the fitted levels,
    /// and an observation whose group was not seen in fitting, or is missing, gets level code -1 (no random effect).
    /// </summary>
    public static IReadOnlyList<RandomEffectsTerm> BuildForNewData(ModelFrame frame, ContrastCoding coding, IReadOnlyList<RandomEffectsTerm> fitted)
    {
        // the specification's random terms in the model's order: match by group name and column names
        var specs = frame.Specification.Random.ToList();
        var terms = new RandomEffectsTerm[fitted.Count];
        for (int i = 0; i < fitted.Count; i++)
        {
            var t = fitted[i];
            var spec = specs.First(r => r.GroupName == t.GroupName &&
                ModelMatrixBuilder.Build(r.Effects, frame, coding).ColumnNames.SequenceEqual(t.ColumnNames));
            specs.Remove(spec);
            var matrix = ModelMatrixBuilder.Build(spec.Effects, frame, coding);
            terms[i] = new RandomEffectsTerm(t.GroupName, t.Levels, FittedLevelCodes(spec, frame, t), t.ColumnNames, RowMajor(matrix), t.TermText);
        }
        return terms;
    }

    /// <summary>The model matrix's values row-major, n x s, as a term stores them.</summary>
    private static double[] RowMajor(ModelMatrix matrix)
    {
        int n = matrix.RowCount, s = matrix.ColumnCount;
        var values = new double[n * s];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < s; j++)
                values[i * s + j] = matrix.Columns[j][i];
        return values;
    }

    /// <summary>Each observation's level of the fitted term (-1 when not seen in fitting or missing).</summary>
    private static int[] FittedLevelCodes(RandomEffectsSpec spec, ModelFrame frame, RandomEffectsTerm term)
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
                    NumericValues v => double.IsNaN(v.Values[r]) ? null : FormatNumber(v.Values[r]),
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

    /// <summary>The grouping factor with unused levels dropped; numeric columns become factors.</summary>
    private static FactorValues GroupingFactor(IReadOnlyList<ModelVariable> grouping, ModelFrame frame)
    {
        var factors = grouping.Select(g => frame[g] switch
        {
            FactorValues f => f,
            NumericValues nv => NumericToFactor(nv),
            _ => throw new InvalidOperationException("unknown variable kind"),
        }).ToList();
        var combined = factors.Count == 1 ? factors[0] : VariableEvaluator.Interaction(factors);
        return DropUnusedLevels(combined);
    }

    private static FactorValues NumericToFactor(NumericValues nv)
    {
        var distinct = nv.Values.Distinct().OrderBy(v => v).ToArray();
        var index = distinct.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        return new FactorValues(nv.Name, distinct.Select(FormatNumber).ToArray(), nv.Values.Select(v => index[v]).ToArray());
    }

    private static string FormatNumber(double v) => Formulas.RNumberFormat.Format(v);

    private static FactorValues DropUnusedLevels(FactorValues f)
    {
        var used = new bool[f.Levels.Count];
        foreach (var c in f.Codes) used[c] = true;
        if (used.All(u => u)) return f;
        var map = new int[used.Length];
        var levels = new List<string>();
        for (int i = 0; i < used.Length; i++)
        {
            map[i] = used[i] ? levels.Count : -1;
            if (used[i]) levels.Add(f.Levels[i]);
        }
        return f with { Levels = levels, Codes = f.Codes.Select(c => map[c]).ToArray() };
    }
}
