using MixedEffects.Formulas;

namespace MixedEffects.Inference;

/// <summary>
/// lmerTest's reductions of a model's random part (<c>ranova(m, reduce.terms = TRUE)</c>): a term with slopes loses
/// one slope term at a time (<c>(Days | Subject)</c> becomes <c>(1 | Subject)</c>, labelled
/// <c>Days in (Days | Subject)</c>); a term with a single effect is removed (labelled <c>(1 | g)</c>).
/// </summary>
internal sealed record RandomTermReduction(string Label, ModelSpecification Reduced)
{
    /// <summary>All reductions, in the order of the terms in the formula (after lme4's expansion).</summary>
    public static IReadOnlyList<RandomTermReduction> All(ModelSpecification spec)
    {
        var list = new List<RandomTermReduction>();
        for (int i = 0; i < spec.Random.Count; i++)
        {
            var term = spec.Random[i];
            string text = $"({ModelRefitting.RandomTermText(term)})";
            var effects = term.Effects;
            int count = effects.Terms.Count + (effects.HasIntercept ? 1 : 0);
            if (count <= 1)
            {
                list.Add(new RandomTermReduction(text, spec with { Random = spec.Random.Where((_, k) => k != i).ToArray() }));
                continue;
            }
            foreach (var drop in effects.Terms)
            {
                var reducedTerm = term with { Effects = effects with { Terms = effects.Terms.Where(t => !t.Equals(drop)).ToArray() } };
                var random = spec.Random.Select((r, k) => k == i ? reducedTerm : r).ToArray();
                list.Add(new RandomTermReduction($"{drop.Label} in {text}", spec with { Random = random }));
            }
        }
        return list;
    }
}
